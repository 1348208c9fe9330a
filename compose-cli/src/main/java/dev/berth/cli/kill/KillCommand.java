package dev.berth.cli.kill;

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

/** {@code berth kill}: Force stop service containers. */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Force stop service containers.")
public final class KillCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", defaultValue = "SIGKILL", description = "Signal to send (default: SIGKILL)")
    String signal;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        String project = session.projectName();
        session.engine().kill(project, Set.copyOf(services), signal)
                .forEach(name -> session.err().println("Container " + name + " killed"));
        session.err().flush();
        return 0;
    }
}
