package dev.berth.cli.start;

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

/** {@code berth start}: Start existing containers. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start existing containers.")
public final class StartCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        String project = session.projectName();
        return session.report(session.engine().start(project, Set.copyOf(services), session.dryRun(),
                session.progress()));
    }
}
