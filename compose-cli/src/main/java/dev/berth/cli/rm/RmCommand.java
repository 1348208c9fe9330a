package dev.berth.cli.rm;

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

/** {@code berth rm}: Remove stopped service containers. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove stopped service containers.")
public final class RmCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-f", "--force"}, description = "Don't ask to confirm removal (berth never asks)")
    boolean force;

    @Option(names = {"-s", "--stop"}, description = "Stop the containers, if required, before removing")
    boolean stop;

    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes attached to containers")
    boolean volumes;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        String project = session.projectName();
        return session.report(session.engine().rm(project, Set.copyOf(services), stop, volumes,
                Durations.seconds(null), session.dryRun(), session.progress()));
    }
}
