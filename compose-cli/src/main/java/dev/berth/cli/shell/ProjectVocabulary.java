package dev.berth.cli.shell;

import dev.berth.cli.root.BerthCommand;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.load.ProjectLoader;
import dev.berth.model.problem.ComposeException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The names the shell completes from the project that the root flags ({@code -f}, {@code -p}, {@code --profile},
 * ...) select: its services and profiles and its name. Loaded again after every command, since a command or an
 * editor may have changed the files; a project that does not load has no names.
 */
final class ProjectVocabulary {
    private final Supplier<CommandLine> tree;
    private final List<String> rootArgs;
    private Optional<LoadedProject> loaded = Optional.empty();

    ProjectVocabulary(Supplier<CommandLine> tree, List<String> rootArgs) {
        this.tree = tree;
        this.rootArgs = List.copyOf(rootArgs);
    }

    void reload() {
        try {
            CommandLine cli = tree.get();
            cli.parseArgs(rootArgs.toArray(String[]::new));
            BerthCommand root = cli.getCommand();
            loaded = Optional.of(ProjectLoader.load(root.projectOptions().toLoadOptions(root.invocation())
                    .withWarnings(problem -> { })));
        } catch (ComposeException | CommandLine.ParameterException e) {
            loaded = Optional.empty();
        }
    }

    Set<String> services() {
        return loaded.map(l -> (Set<String>) new TreeSet<>(l.project().services().keySet())).orElse(Set.of());
    }

    Set<String> profiles() {
        return loaded.map(l -> (Set<String>) new TreeSet<>(l.allProfiles())).orElse(Set.of());
    }

    Optional<String> projectName() {
        return loaded.map(l -> l.project().name());
    }
}
