package dev.berth.cli.completion;

import dev.berth.cli.invocation.Invocation;
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
 * The names completion offers from the project that root flags ({@code -f}, {@code -p}, {@code --profile}, ...)
 * select: its services, profiles and name. The project is loaded on the first question after {@link #reload}, since
 * a command or an editor may have changed the files meanwhile; a project that does not load has no names.
 */
public final class ProjectVocabulary {
    private final Supplier<CommandLine> tree;
    private final Invocation caller;
    private List<String> rootArgs;
    private Optional<LoadedProject> loaded;

    /** {@code caller}'s environment and working directory resolve the project files, as for its commands. */
    public ProjectVocabulary(Supplier<CommandLine> tree, List<String> rootArgs, Invocation caller) {
        this.tree = tree;
        this.caller = caller;
        reload(rootArgs);
    }

    /** Forgets the loaded project; the next question loads the one {@code rootArgs} select. */
    public synchronized void reload(List<String> rootArgs) {
        this.rootArgs = List.copyOf(rootArgs);
        this.loaded = null;
    }

    public Set<String> services() {
        return loaded().map(l -> (Set<String>) new TreeSet<>(l.project().services().keySet())).orElse(Set.of());
    }

    public Set<String> profiles() {
        return loaded().map(l -> (Set<String>) new TreeSet<>(l.allProfiles())).orElse(Set.of());
    }

    public Optional<String> projectName() {
        return loaded().map(l -> l.project().name());
    }

    private synchronized Optional<LoadedProject> loaded() {
        if (loaded == null) {
            loaded = load();
        }
        return loaded;
    }

    private Optional<LoadedProject> load() {
        try {
            CommandLine cli = tree.get();
            cli.parseArgs(rootArgs.toArray(String[]::new));
            BerthCommand root = cli.getCommand();
            return Optional.of(ProjectLoader.load(root.projectOptions().toLoadOptions(caller)
                    .withWarnings(problem -> { })));
        } catch (ComposeException | CommandLine.ParameterException e) {
            return Optional.empty();
        }
    }
}
