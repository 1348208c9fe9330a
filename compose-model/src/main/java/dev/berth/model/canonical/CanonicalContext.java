package dev.berth.model.canonical;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the canonical transform needs besides the model: the project name and directory, the variables of
 * the project environment (for bare {@code environment} keys and {@code build.args}), how to read
 * {@code env_file}s, the home directory for {@code ~}, and two switches: {@code resolvePaths} (relative
 * paths become absolute against {@code projectDir}) and {@code normalize} (default network, resource names,
 * implicit {@code depends_on}).
 */
public record CanonicalContext(String projectName, Path projectDir, Function<String, Optional<String>> lookup,
                               EnvFileReader envFileReader, Path homeDir, boolean resolvePaths, boolean normalize) {

    public CanonicalContext {
        Objects.requireNonNull(projectName, "projectName");
        projectDir = projectDir.toAbsolutePath().normalize();
        Objects.requireNonNull(lookup, "lookup");
        envFileReader = envFileReader == null ? new DotEnvFileReader() : envFileReader;
        homeDir = homeDir == null ? Path.of(System.getProperty("user.home", "/")) : homeDir;
    }

    /** Paths resolved, model normalised, env_files read like .env files, the JVM user's home. */
    public static CanonicalContext of(String projectName, Path projectDir, Function<String, Optional<String>> lookup) {
        return new CanonicalContext(projectName, projectDir, lookup, null, null, true, true);
    }

    public CanonicalContext withEnvFileReader(EnvFileReader reader) {
        return new CanonicalContext(projectName, projectDir, lookup, reader, homeDir, resolvePaths, normalize);
    }

    public CanonicalContext withHomeDir(Path home) {
        return new CanonicalContext(projectName, projectDir, lookup, envFileReader, home, resolvePaths, normalize);
    }

    public CanonicalContext withResolvePaths(boolean resolve) {
        return new CanonicalContext(projectName, projectDir, lookup, envFileReader, homeDir, resolve, normalize);
    }

    public CanonicalContext withNormalize(boolean norm) {
        return new CanonicalContext(projectName, projectDir, lookup, envFileReader, homeDir, resolvePaths, norm);
    }
}
