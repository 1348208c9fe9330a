package dev.berth.cli.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which build of berth a process runs: {@code path:inode:size:mtime-ms} of its jar (of its classes directory when run
 * from one). The client states the identity of the jar it was told to use; a server with another identity was
 * started from an older build and must not serve it.
 */
final class JarIdentity {
    private JarIdentity() {
    }

    /** Where this server's classes come from, with links resolved: the berth.jar, or a classes directory. */
    static Path codeSource() {
        try {
            Path path = Path.of(JarIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return path.toRealPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the code source of berth is not a file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the code source of berth: " + e.getMessage(), e);
        }
    }

    /** The identity of {@code path} (absolute, links resolved) as the client computes it with stat(2). */
    static String of(Path path) {
        try {
            Map<String, Object> stat = Files.readAttributes(path, "unix:ino,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            long millis = ((java.nio.file.attribute.FileTime) stat.get("lastModifiedTime")).toMillis();
            return path + ":" + stat.get("ino") + ":" + stat.get("size") + ":" + millis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
