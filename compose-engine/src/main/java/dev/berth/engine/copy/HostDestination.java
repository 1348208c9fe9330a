package dev.berth.engine.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A host path a copy goes to, read as {@code docker cp} reads it: links at the path followed, the parent checked. */
final class HostDestination {
    private static final int MAX_LINKS = 10;

    private HostDestination() {
    }

    /** What is at the host path {@code destination}, links followed; its parent must be a directory if missing. */
    static CopyDestination read(String destination) {
        Path path = Path.of(CopyPaths.clean(destination)).toAbsolutePath().normalize();
        String given = destination;
        for (int i = 0; Files.isSymbolicLink(path); i++) {
            if (i == MAX_LINKS) {
                throw new CopyException("too many levels of symbolic links at " + destination);
            }
            try {
                path = path.resolveSibling(Files.readSymbolicLink(path)).normalize();
            } catch (IOException e) {
                throw new CopyException("cannot read the link " + path + ": " + e.getMessage(), e);
            }
            given = path.toString();
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new CopyDestination(keepTrailing(given, path), true, Files.isDirectory(path));
        }
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new CopyException("destination directory " + parent + " does not exist; create it first");
        }
        return new CopyDestination(keepTrailing(given, path), false, false);
    }

    /** The absolute form of {@code path}, keeping the trailing {@code /} or {@code /.} the rules read. */
    private static String keepTrailing(String given, Path absolute) {
        if (CopyPaths.contentsOnly(given)) {
            return absolute + "/.";
        }
        return given.endsWith("/") ? absolute + "/" : absolute.toString();
    }
}
