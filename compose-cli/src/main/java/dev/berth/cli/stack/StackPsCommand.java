package dev.berth.cli.stack;

import dev.berth.cli.support.Table;
import dev.berth.swarm.StackNamespace;
import dev.berth.swarm.inspect.StackQueries;
import dev.berth.swarm.inspect.TaskStatusRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth stack ps NAME}: the tasks of the stack's services, current and past. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List the tasks in the stack.")
public final class StackPsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    StackCommand stack;

    @Option(names = {"-q", "--quiet"}, description = "Only display task IDs")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Do not truncate IDs and errors")
    boolean noTrunc;

    @Parameters(index = "0", paramLabel = "NAME", description = "Stack name")
    String name;

    @Override
    public Integer call() {
        StackNamespace namespace = new StackNamespace(name);
        List<TaskStatusRow> tasks = StackSession.withManager(stack, c -> new StackQueries(c).tasks(namespace));
        var out = spec.commandLine().getOut();
        if (tasks.isEmpty()) {
            spec.commandLine().getErr().println("Nothing found in stack: " + name);
        } else if (quiet) {
            tasks.forEach(t -> out.println(t.id()));
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR"});
            tasks.forEach(t -> rows.add(new String[] {noTrunc ? t.id() : StackTables.shortId(t.id()), t.name(),
                    t.image(), t.node(), capitalised(t.desiredState()), capitalised(t.currentState()) + " " + t.since(),
                    noTrunc || t.error().length() <= 30 ? t.error() : t.error().substring(0, 29) + "…"}));
            out.print(Table.render(rows));
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return 0;
    }

    private static String capitalised(String state) {
        return state.isEmpty() ? state : Character.toUpperCase(state.charAt(0)) + state.substring(1);
    }
}
