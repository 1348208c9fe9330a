package dev.berth.cli.top;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.ServiceContainers;
import dev.berth.cli.support.Session;
import dev.berth.cli.support.Table;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ProcessList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth top [SERVICE...]}: as {@code docker compose top}, the processes of each running container. */
@Command(name = "top", mixinStandardHelpOptions = true, description = "Display the running processes.")
public final class TopCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        List<ContainerSummary> containers = ServiceContainers.of(session, new LinkedHashSet<>(services), false)
                .stream().filter(c -> c.state().status() == ContainerStatus.RUNNING).toList();
        for (ContainerSummary c : containers) {
            ProcessList processes = session.runtime().top(c.id());
            List<String[]> rows = new ArrayList<>();
            rows.add(processes.titles().toArray(String[]::new));
            processes.processes().forEach(p -> rows.add(p.toArray(String[]::new)));
            session.out().println(c.name());
            session.out().print(Table.render(rows));
            session.out().println();
        }
        session.out().flush();
        return 0;
    }
}
