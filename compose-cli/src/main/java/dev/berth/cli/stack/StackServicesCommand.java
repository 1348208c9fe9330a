package dev.berth.cli.stack;

import dev.berth.cli.support.Table;
import dev.berth.swarm.StackNamespace;
import dev.berth.swarm.inspect.ServiceStatus;
import dev.berth.swarm.inspect.StackQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth stack services NAME}: the stack's services with their replicas. */
@Command(name = "services", mixinStandardHelpOptions = true, description = "List the services in the stack.")
public final class StackServicesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    StackCommand stack;

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "NAME", description = "Stack name")
    String name;

    @Override
    public Integer call() {
        StackNamespace namespace = new StackNamespace(name);
        List<ServiceStatus> services = StackSession.withManager(stack, c -> new StackQueries(c).services(namespace));
        var out = spec.commandLine().getOut();
        if (services.isEmpty()) {
            spec.commandLine().getErr().println("Nothing found in stack: " + name);
        } else if (quiet) {
            services.forEach(s -> out.println(s.id()));
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"});
            services.forEach(s -> rows.add(new String[] {StackTables.shortId(s.id()), s.name(), s.mode(),
                    s.replicas(), s.image(), String.join(", ", s.ports())}));
            out.print(Table.render(rows));
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return 0;
    }
}
