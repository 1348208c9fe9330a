package dev.berth.cli.shell;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.HealthStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * One line on the state of the project's containers — {@code demo: db running (healthy), web exited (1)} — from
 * the runtime the root flags choose, opened once for the shell.
 */
final class StackStatus {
    private final Session session;

    StackStatus(Supplier<CommandLine> tree, List<String> rootArgs, PrintWriter out, PrintWriter err) {
        CommandLine cli = tree.get();
        cli.setOut(out);
        cli.setErr(err);
        cli.parseArgs(rootArgs.toArray(String[]::new));
        BerthCommand root = cli.getCommand();
        this.session = new Session(root, cli);
    }

    String line() {
        try {
            String project = session.projectName();
            List<ContainerSummary> containers = session.engine().ps(project, Set.of(), true);
            if (containers.isEmpty()) {
                return project + ": no containers";
            }
            return project + ": " + containers.stream().map(StackStatus::describe).collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            return "status unavailable: " + e.getMessage();
        }
    }

    private static String describe(ContainerSummary c) {
        String state = c.state().status().name().toLowerCase(Locale.ROOT);
        String detail = switch (c.state().status()) {
            case EXITED -> " (" + c.state().exitCode() + ")";
            case RUNNING -> c.state().health() == HealthStatus.NONE ? ""
                    : " (" + c.state().health().name().toLowerCase(Locale.ROOT) + ")";
            default -> "";
        };
        return c.name() + " " + state + detail;
    }
}
