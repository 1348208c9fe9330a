package dev.berth.cli.stack;

import dev.berth.cli.support.Table;
import dev.berth.swarm.inspect.StackQueries;
import dev.berth.swarm.inspect.StackSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth stack ls}: the stacks on the swarm and how many services each has. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List stacks.")
public final class StackLsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    StackCommand stack;

    @Override
    public Integer call() {
        List<StackSummary> stacks = StackSession.withManager(stack, c -> new StackQueries(c).stacks());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "SERVICES"});
        stacks.forEach(s -> rows.add(new String[] {s.name(), String.valueOf(s.services())}));
        spec.commandLine().getOut().print(Table.render(rows));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
