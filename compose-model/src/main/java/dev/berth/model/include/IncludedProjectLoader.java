package dev.berth.model.include;

import dev.berth.model.tree.MapNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the files of one {@code include} entry as a project of its own: read, interpolated with its own
 * environment, includes and extends resolved, files merged. To have include cycles detected across levels,
 * resolve the includes of the loaded files with the same {@link IncludeResolver} instance that called this loader.
 */
@FunctionalInterface
public interface IncludedProjectLoader {

    /**
     * @param files            the compose files, absolute, in order
     * @param projectDirectory the directory relative paths of that project start from
     * @param envFiles         the env files that replace the project's {@code .env} for interpolation (absolute; may be empty)
     */
    MapNode load(List<Path> files, Path projectDirectory, List<Path> envFiles);
}
