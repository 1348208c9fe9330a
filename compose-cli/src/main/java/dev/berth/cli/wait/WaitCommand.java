package dev.berth.cli.wait;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth wait SERVICE...}: blocks until the containers stop; prints each exit code, exits with the first. */
@Command(name = "wait", mixinStandardHelpOptions = true, description = "Block until containers of all (or specified) services stop.")
public final class WaitCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Parameters(paramLabel = "SERVICE", arity = "1..*", description = "Services to wait for")
    List<String> services = List.of();

    @Override
    public Integer call() throws InterruptedException {
        Session session = new Session(root, spec.commandLine());
        Map<String, Integer> codes = session.engine().waitFor(session.projectName(), Set.copyOf(services));
        codes.forEach((name, code) -> session.out().println(name + " " + code));
        session.out().flush();
        return codes.values().stream().findFirst().orElse(0);
    }
}
