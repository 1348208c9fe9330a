package dev.berth.model.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What decides the compose files: the {@code -f} values in order ("-" is standard input), else the
 * {@code COMPOSE_FILE} value split on {@code COMPOSE_PATH_SEPARATOR}, else a search from the working directory;
 * and the {@code --project-directory} if given. Relative paths resolve against {@code workingDirectory}.
 */
public record DiscoveryRequest(List<String> files, Optional<String> composeFileVariable, String pathSeparator,
                               Path workingDirectory, Optional<Path> projectDirectory) {

    /** {@code COMPOSE_PATH_SEPARATOR}'s default (the path-list separator of Unix). */
    public static final String DEFAULT_PATH_SEPARATOR = ":";

    public DiscoveryRequest {
        files = List.copyOf(files);
        Objects.requireNonNull(composeFileVariable, "composeFileVariable");
        pathSeparator = pathSeparator == null || pathSeparator.isEmpty() ? DEFAULT_PATH_SEPARATOR : pathSeparator;
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(projectDirectory, "projectDirectory");
    }

    /** No {@code -f}, no {@code COMPOSE_FILE}, no {@code --project-directory}: search from {@code workingDirectory}. */
    public static DiscoveryRequest inDirectory(Path workingDirectory) {
        return new DiscoveryRequest(List.of(), Optional.empty(), DEFAULT_PATH_SEPARATOR, workingDirectory,
                Optional.empty());
    }

    public DiscoveryRequest withFiles(List<String> newFiles) {
        return new DiscoveryRequest(newFiles, composeFileVariable, pathSeparator, workingDirectory, projectDirectory);
    }

    public DiscoveryRequest withComposeFileVariable(String value, String separator) {
        return new DiscoveryRequest(files, Optional.ofNullable(value), separator, workingDirectory, projectDirectory);
    }

    public DiscoveryRequest withProjectDirectory(Path directory) {
        return new DiscoveryRequest(files, composeFileVariable, pathSeparator, workingDirectory,
                Optional.of(directory));
    }
}
