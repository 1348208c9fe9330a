package dev.berth.engine.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A host path to copy into a container: the path to read (a link's target with {@code -L}) and its description. */
record HostSource(Path path, CopySource source) {

    /**
     * Reads what {@code given} (resolved to {@code host}) is. A link is copied as a link unless {@code followLink},
     * which copies its target under the link's name.
     *
     * @throws CopyException when the path does not exist, or names a file with a trailing {@code /}
     */
    static HostSource read(String given, Path host, boolean followLink) {
        if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
            throw new CopyException("no such file or directory: " + given);
        }
        Path read = host;
        if (followLink) {
            try {
                read = host.toRealPath();
            } catch (IOException e) {
                throw new CopyException("cannot follow the link " + given + ": " + e.getMessage(), e);
            }
        }
        boolean directory = Files.isDirectory(read, LinkOption.NOFOLLOW_LINKS);
        if (CopyPaths.assertsDirectory(given) && !directory) {
            throw new CopyException(given + " is not a directory; drop the trailing /");
        }
        String name = host.getFileName() == null ? "." : host.getFileName().toString();
        return new HostSource(read, new CopySource(name, name, directory, CopyPaths.contentsOnly(given)));
    }
}
