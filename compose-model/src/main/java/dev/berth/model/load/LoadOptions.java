package dev.berth.model.load;

import dev.berth.model.problem.Problem;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What to load and how: the command line's project flags, the caller's environment and working directory (relative
 * files, {@code --project-directory} and {@code --env-file}s resolve against it, never against the JVM's), and the
 * switches of {@code berth config} that skip phases. Build one with {@link #defaults(Path, Map)} and the {@code with*} methods.
 */
public record LoadOptions(
        List<String> files,
        Optional<String> projectName,
        Optional<Path> projectDirectory,
        List<Path> envFiles,
        List<String> profiles,
        Set<String> requestedServices,
        Map<String, String> osEnvironment,
        Path workingDirectory,
        boolean interpolate,
        boolean normalize,
        boolean resolvePaths,
        boolean checkConsistency,
        Supplier<InputStream> stdin,
        Consumer<Problem> warnings) {

    public LoadOptions {
        files = List.copyOf(files);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        envFiles = envFiles.stream().map(workingDirectory::resolve).toList();
        profiles = List.copyOf(profiles);
        requestedServices = Set.copyOf(requestedServices);
        osEnvironment = Map.copyOf(osEnvironment);
    }

    public static LoadOptions defaults(Path workingDirectory, Map<String, String> osEnvironment) {
        return new LoadOptions(List.of(), Optional.empty(), Optional.empty(), List.of(), List.of(), Set.of(),
                osEnvironment, workingDirectory, true, true, true, true, () -> System.in, problem -> { });
    }

    public LoadOptions withFiles(List<String> newFiles) {
        return new LoadOptions(newFiles, projectName, projectDirectory, envFiles, profiles, requestedServices,
                osEnvironment, workingDirectory, interpolate, normalize, resolvePaths, checkConsistency, stdin, warnings);
    }

    public LoadOptions withProjectName(Optional<String> name) {
        return new LoadOptions(files, name, projectDirectory, envFiles, profiles, requestedServices,
                osEnvironment, workingDirectory, interpolate, normalize, resolvePaths, checkConsistency, stdin, warnings);
    }

    public LoadOptions withProjectDirectory(Optional<Path> dir) {
        return new LoadOptions(files, projectName, dir, envFiles, profiles, requestedServices,
                osEnvironment, workingDirectory, interpolate, normalize, resolvePaths, checkConsistency, stdin, warnings);
    }

    public LoadOptions withEnvFiles(List<Path> newEnvFiles) {
        return new LoadOptions(files, projectName, projectDirectory, newEnvFiles, profiles, requestedServices,
                osEnvironment, workingDirectory, interpolate, normalize, resolvePaths, checkConsistency, stdin, warnings);
    }

    public LoadOptions withProfiles(List<String> newProfiles) {
        return new LoadOptions(files, projectName, projectDirectory, envFiles, newProfiles, requestedServices,
                osEnvironment, workingDirectory, interpolate, normalize, resolvePaths, checkConsistency, stdin, warnings);
    }

    public LoadOptions withRequestedServices(Set<String> services) {
        return new LoadOptions(files, projectName, projectDirectory, envFiles, profiles, services,
                osEnvironment, workingDirectory, interpolate, normalize, resolvePaths, checkConsistency, stdin, warnings);
    }

    public LoadOptions withPhases(boolean doInterpolate, boolean doNormalize, boolean doResolvePaths, boolean doCheck) {
        return new LoadOptions(files, projectName, projectDirectory, envFiles, profiles, requestedServices,
                osEnvironment, workingDirectory, doInterpolate, doNormalize, doResolvePaths, doCheck, stdin, warnings);
    }

    public LoadOptions withStdin(Supplier<InputStream> newStdin) {
        return new LoadOptions(files, projectName, projectDirectory, envFiles, profiles, requestedServices,
                osEnvironment, workingDirectory, interpolate, normalize, resolvePaths, checkConsistency, newStdin, warnings);
    }

    public LoadOptions withWarnings(Consumer<Problem> listener) {
        return new LoadOptions(files, projectName, projectDirectory, envFiles, profiles, requestedServices,
                osEnvironment, workingDirectory, interpolate, normalize, resolvePaths, checkConsistency, stdin, listener);
    }
}
