package dev.berth.cli.root;

import dev.berth.cli.invocation.Invocation;
import dev.berth.model.load.LoadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The project flags every command shares, as {@code docker compose} has them: given before the subcommand
 * ({@code berth -f a.yaml up}), so that a subcommand's own short flags ({@code logs -f}, {@code rm -f}) keep
 * their usual meaning. Only {@code --verbose} is accepted anywhere.
 */
public final class ProjectOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Compose configuration files (repeatable; - for stdin)")
    List<String> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", description = "Project name")
    String projectName;

    @Option(names = "--project-directory", paramLabel = "DIR", description = "Alternate working directory (default: the directory of the first file)")
    Path projectDirectory;

    @Option(names = "--env-file", paramLabel = "FILE", description = "Alternate environment files (repeatable)")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Profiles to enable (repeatable)")
    List<String> profiles = new ArrayList<>();

    @Option(scope = ScopeType.INHERIT, names = "--verbose", description = "Show stack traces of internal errors")
    boolean verbose;

    /** The {@code -f} files as given (empty when the files are found by the usual search). */
    public List<String> files() {
        return List.copyOf(files);
    }

    /**
     * The load options these flags ask for, for {@code caller}: its environment, its working directory (relative
     * {@code -f}, {@code --project-directory} and {@code --env-file} resolve against it) and its standard input
     * ({@code -f -}).
     */
    public LoadOptions toLoadOptions(Invocation caller) {
        return LoadOptions.defaults(caller.workingDirectory(), caller.env())
                .withStdin(() -> caller.streams().in())
                .withFiles(files)
                .withProjectName(Optional.ofNullable(projectName))
                .withProjectDirectory(Optional.ofNullable(projectDirectory))
                .withEnvFiles(envFiles.stream().map(caller::resolve).toList())
                .withProfiles(profiles)
                .withRequestedServices(Set.of());
    }

    /** {@code -p NAME}, when given. */
    public Optional<String> projectName() {
        return Optional.ofNullable(projectName);
    }

    public boolean verbose() {
        return verbose;
    }
}
