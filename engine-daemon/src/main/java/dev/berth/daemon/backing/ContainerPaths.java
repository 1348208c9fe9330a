package dev.berth.daemon.backing;

import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.files.ContainerArchiver;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.PathStat;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * Looks at a path of a container's file system (running or not) as the container's processes see it, for the answers
 * the runtime SPI has no call for: the stat alone ({@code HEAD archive}) and whether an extraction point is a
 * directory. Paths are resolved inside the container root; a missing path raises
 * {@link dev.berth.embedded.files.ContainerPathException}.
 */
public record ContainerPaths(EmbeddedEngine engine) {

    /** The stat of {@code path}; a link as the last component is reported as the link. */
    public PathStat stat(ContainerId id, String path) {
        return engine.withRootfs(id.value(), root -> ContainerArchiver.stat(root, path));
    }

    /** Whether {@code path}, following links, is a directory. */
    public boolean isDirectory(ContainerId id, String path) {
        return engine.withRootfs(id.value(), root -> Files.isDirectory(root.locate(root.resolve(path, true)).host(),
                LinkOption.NOFOLLOW_LINKS));
    }
}
