package dev.berth.embedded.shim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The berth-shim executable, compiled into the engine's classes (src/main/c), installed under the engine's root so
 * that shims can outlive the engine process. An installed copy is replaced when its SHA-256 differs from the one on
 * the class path; shims already running keep the binary they started with (the new one is renamed into place).
 */
public final class ShimBinary {
    static final String RESOURCE = "/dev/berth/embedded/shim/berth-shim";
    public static final String FILE_NAME = "berth-shim";

    private ShimBinary() {
    }

    /** Installs the shim into {@code binDir} unless an identical copy is there; returns its path. */
    public static Path install(Path binDir) {
        byte[] content = bundled();
        Path target = binDir.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(target) && Files.isExecutable(target)
                    && Arrays.equals(sha256(Files.readAllBytes(target)), sha256(content))) {
                return target;
            }
            Files.createDirectories(binDir);
            Path temp = Files.createTempFile(binDir, "." + FILE_NAME, ".tmp");
            try {
                Files.write(temp, content);
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new ShimException("cannot install " + FILE_NAME + " into " + binDir + ": " + e.getMessage()
                    + " (the engine's root must be writable and allow executables)");
        }
    }

    private static byte[] bundled() {
        try (InputStream in = ShimBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ShimException(FILE_NAME + " is missing from the class path (" + RESOURCE + "): build"
                        + " runtime-embedded with a C compiler (apt-get install gcc libc6-dev)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ShimException("cannot read " + RESOURCE + " from the class path: " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
