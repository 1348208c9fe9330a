package dev.berth.cli.restart;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Durations;
import dev.berth.cli.support.Session;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth restart}: Restart service containers. */
@Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart service containers.")
public final class RestartCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait for a stop before killing")
    Integer timeout;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        String project = session.projectName();
        return session.report(session.engine().restart(project, Set.copyOf(services), Durations.seconds(timeout),
                session.dryRun(), session.progress()));
    }
}
