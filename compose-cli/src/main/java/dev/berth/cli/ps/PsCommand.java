package dev.berth.cli.ps;

import dev.berth.cli.error.ExitCodes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.cli.support.Table;
import dev.berth.cli.error.UserException;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.PortBinding;
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

/** {@code berth ps}: the project's containers as a table, JSON, names or ids. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List containers.")
public final class PsCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
            ArrayNode array = MAPPER.createArrayNode();
            for (ContainerSummary c : containers) {
                array.addObject().put("ID", c.id().value()).put("Name", c.name()).put("Image", c.image().value())
                        .put("Project", c.label("com.docker.compose.project")).put("Service", service(c))
                        .put("State", status(c)).put("Health", health(c)).put("ExitCode", c.state().exitCode());
                ArrayNode publishers = ((com.fasterxml.jackson.databind.node.ObjectNode) array.get(array.size() - 1))
                        .putArray("Publishers");
                for (PortBinding p : c.ports()) {
                    publishers.addObject().put("URL", p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()).put("TargetPort", p.containerPort())
                            .put("PublishedPort", p.hostPort()).put("Protocol", p.protocol());
                }
            }
            out.append(array).append('\n');
        } else if (format.equals("table")) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "IMAGE", "SERVICE", "STATUS", "PORTS"});
            for (ContainerSummary c : containers) {
                rows.add(new String[] {c.name(), c.image().value(), service(c), describe(c), ports(c)});
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

    private static String health(ContainerSummary c) {
        return switch (c.state().health()) {
            case NONE -> "";
            default -> c.state().health().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Published ports as Docker shows them: {@code 127.0.0.1:32768->8080/tcp, 0.0.0.0:53->53/udp}. */
    private static String ports(ContainerSummary c) {
        List<String> out = new ArrayList<>();
        for (PortBinding p : c.ports()) {
            out.add((p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + p.hostPort() + "->" + p.containerPort()
                    + "/" + p.protocol());
        }
        return String.join(", ", out);
    }

    /** {@code running}, {@code running (healthy)}, {@code exited (1)}. */
    private static String describe(ContainerSummary c) {
        String s = status(c);
        if (c.state().status() == dev.berth.runtime.ContainerStatus.EXITED) {
            return s + " (" + c.state().exitCode() + ")";
        }
        String h = health(c);
        return h.isEmpty() ? s : s + " (" + h + ")";
    }
}
