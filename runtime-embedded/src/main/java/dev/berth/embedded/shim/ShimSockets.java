package dev.berth.embedded.shim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where shims put their sockets: one short directory ({@code <run dir>/s}, mode 0700) for all, because a unix
 * socket's path must fit 107 bytes and container run directories are longer. A container's sockets are named by
 * the first 16 hex digits of its id.
 */
public final class ShimSockets {
    private static final int KEY_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The sockets of one exec with a terminal: its control socket and runc's console socket. */
    record ExecSockets(Path control, Path console) {
    }

    private final Path dir;

    /** Creates {@code <runDir>/s} if needed. */
    public ShimSockets(Path runDir) {
        this.dir = runDir.resolve("s");
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new ShimException("cannot create the shim socket directory " + dir + ": " + e.getMessage());
        }
    }

    /** The shim files of a container: its state directory and its two sockets. */
    public ShimDirectory container(String id, Path stateDir) {
        String key = id.substring(0, Math.min(KEY_LENGTH, id.length()));
        return new ShimDirectory(stateDir, dir.resolve(key + ".sock"), dir.resolve(key + ".con"));
    }

    ExecSockets exec() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String key = "x" + HexFormat.of().formatHex(bytes);
        return new ExecSockets(dir.resolve(key + ".ctl"), dir.resolve(key + ".con"));
    }
}
