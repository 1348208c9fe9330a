package dev.berth.cli.ps;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.cli.support.Table;
import dev.berth.cli.error.UserException;
import dev.berth.runtime.ContainerSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth ps}: the project's containers as a table, names, ids, or JSON — one object per line with docker
 * compose's fields, as {@code docker compose ps --format json} prints since Compose 2.21.
 */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List containers.")
public final class PsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-a", "--all"}, description = "Show all stopped containers too")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    boolean quiet;

    @Option(names = "--services", description = "Display services")
    boolean servicesOnly;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json")
    String format;

    @Option(names = "--status", paramLabel = "STATUS", description = "Filter by status: created, running, paused, restarting, exited, dead (repeatable)")
    List<String> status = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "Filter by property (status=...)")
    List<String> filters = new ArrayList<>();

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        Set<String> statuses = statuses();
        boolean everything = all || !statuses.isEmpty();
        List<ContainerSummary> containers = session.engine().ps(session.projectName(), Set.copyOf(services),
                everything).stream()
                .filter(c -> statuses.isEmpty() || statuses.contains(status(c)))
                .toList();
        StringBuilder out = new StringBuilder();
        if (servicesOnly) {
            new LinkedHashSet<>(containers.stream().map(PsCommand::service).sorted().toList())
                    .forEach(s -> out.append(s).append('\n'));
        } else if (quiet) {
            containers.forEach(c -> out.append(c.id().value()).append('\n'));
        } else if (format.equals("json")) {
            java.time.Instant now = java.time.Instant.now();
            containers.forEach(c -> out.append(ContainerJson.of(c, now)).append('\n'));
        } else if (format.equals("table")) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "IMAGE", "SERVICE", "STATUS", "PORTS"});
            for (ContainerSummary c : containers) {
                rows.add(new String[] {c.name(), c.image().value(), service(c), describe(c), ContainerJson.ports(c)});
            }
            out.append(Table.render(rows));
        } else {
            throw new UserException("berth: unknown --format " + format + "; use table or json",
                    ExitCodes.USAGE_ERROR);
        }
        session.out().print(out);
        session.out().flush();
        return 0;
    }

    private Set<String> statuses() {
        Set<String> out = new LinkedHashSet<>(status);
        for (String f : filters) {
            if (!f.startsWith("status=")) {
                throw new UserException("berth: unsupported filter " + f + "; only status=STATUS is supported",
                        ExitCodes.USAGE_ERROR);
            }
            out.add(f.substring("status=".length()));
        }
        return out;
    }

    private static String service(ContainerSummary c) {
        String s = c.label("com.docker.compose.service");
        return s == null ? "" : s;
    }

    private static String status(ContainerSummary c) {
        return c.state().status().name().toLowerCase(Locale.ROOT);
    }

    /** {@code running}, {@code running (healthy)}, {@code exited (1)}. */
    private static String describe(ContainerSummary c) {
        String s = status(c);
        if (c.state().status() == dev.berth.runtime.ContainerStatus.EXITED) {
            return s + " (" + c.state().exitCode() + ")";
        }
        String h = ContainerJson.health(c.state());
        return h.isEmpty() ? s : s + " (" + h + ")";
    }
}
