package dev.berth.cli.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a CLI server lives: a directory only its user can enter, holding the socket {@code cli-<hash>.sock}, the
 * pid file, the lock and the log, all named after the socket. The directory is {@code $XDG_RUNTIME_DIR/berth} when
 * that runtime directory belongs to the user, else {@code /tmp/berth-<uid>}; the hash is of the berth.jar's path, so
 * two berth installations of one user run one server each. The C client computes the same path.
 */
record ServerPaths(Path directory, Path socket) {

    /** The paths of the server for {@code jar}, for the user {@code uid} with environment {@code env}. */
    static ServerPaths forJar(Path jar, Map<String, String> env, int uid) {
        return at(directory(env, uid).resolve("cli-" + FileNames.fnv1a64(jar.toString()) + ".sock"));
    }

    /** The paths of the server on {@code socket}. */
    static ServerPaths at(Path socket) {
        Path absolute = socket.toAbsolutePath();
        return new ServerPaths(absolute.getParent(), absolute);
    }

    private static Path directory(Map<String, String> env, int uid) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && runtime.startsWith("/")) {
            Path dir = Path.of(runtime);
            if (Files.isDirectory(dir) && ownerUid(dir) == uid) {
                return dir.resolve("berth");
            }
        }
        return Path.of("/tmp", "berth-" + uid);
    }

    Path pidFile() {
        return sibling(".pid");
    }

    Path lockFile() {
        return sibling(".lock");
    }

    Path logFile() {
        return sibling(".log");
    }

    private Path sibling(String suffix) {
        String name = socket.getFileName().toString();
        String stem = name.endsWith(".sock") ? name.substring(0, name.length() - ".sock".length()) : name;
        return directory.resolve(stem + suffix);
    }

    /** The effective uid of this process: the owner of its /proc directory. */
    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this process's uid from /proc/self: " + e.getMessage(), e);
        }
    }

    static int ownerUid(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owner of " + path + ": " + e.getMessage(), e);
        }
    }
}
