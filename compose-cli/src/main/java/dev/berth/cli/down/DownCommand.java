package dev.berth.cli.down;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.engine.plan.DownOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.problem.ComposeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth down}: stop and remove the project's containers and networks (with {@code -v} volumes). Works from
 * the labels alone when {@code -p NAME} is given and there is no compose file.
 */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop and remove containers, networks.")
public final class DownCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-v", "--volumes"}, description = "Remove named volumes declared in the volumes section and anonymous volumes")
    boolean volumes;

    @Option(names = "--rmi", paramLabel = "TYPE", description = "Remove images used by services (not supported yet)")
    String rmi;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds")
    Integer timeout;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        Optional<LoadedProject> loaded = loadIfPossible(session);
        String project = loaded.map(l -> l.project().name()).orElseGet(session::projectName);
        DownOptions options = new DownOptions(Set.copyOf(services), removeOrphans, volumes,
                Optional.ofNullable(timeout).map(Duration::ofSeconds));
        if (rmi != null) {
            session.err().println("warning: --rmi is not supported yet; images are kept");
        }
        return session.report(session.engine().down(project, loaded, options, session.dryRun(), session.progress()));
    }

    /** The project files when they load; with {@code -p} and no usable file, empty (labels only). */
    private Optional<LoadedProject> loadIfPossible(Session session) {
        try {
            return Optional.of(session.project(Set.of()));
        } catch (ComposeException e) {
            if (root.projectOptions().projectName().isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
