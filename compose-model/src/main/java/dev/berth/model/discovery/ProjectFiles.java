package dev.berth.model.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The compose files of a project, in {@code -f} order, and its project directory (absolute). */
public record ProjectFiles(List<ComposeSource> sources, Path projectDirectory) {

    public ProjectFiles {
        sources = List.copyOf(sources);
        Objects.requireNonNull(projectDirectory, "projectDirectory");
    }
}
