package dev.berth.cli.stack;

import dev.berth.swarm.StackNamespace;
import dev.berth.swarm.deploy.StackRemover;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth stack rm NAME...}: services, then networks, secrets and configs of each stack. */
@Command(name = "rm", aliases = {"remove", "down"}, mixinStandardHelpOptions = true, description = "Remove one or more stacks.")
public final class StackRmCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    StackCommand stack;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Stack names")
    List<String> names;

    @Override
    public Integer call() {
        StackEventPrinter printer = new StackEventPrinter(spec.commandLine().getOut(), spec.commandLine().getErr());
        boolean allFound = StackSession.withManager(stack, connection -> {
            boolean found = true;
            for (String name : names) {
                if (!new StackRemover(connection, printer).remove(new StackNamespace(name))) {
                    spec.commandLine().getErr().println("Nothing found in stack: " + name);
                    found = false;
                }
            }
            return found;
        });
        spec.commandLine().getErr().flush();
        return allFound ? 0 : 1;
    }
}
