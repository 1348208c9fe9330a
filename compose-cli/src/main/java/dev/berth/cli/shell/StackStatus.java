package dev.berth.cli.shell;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.ServiceContainers;
import dev.berth.cli.support.Session;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.EventQuery;
import dev.berth.runtime.EventSubscription;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.LabelSelector;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * One line on the state of the project's containers — {@code demo: db running (healthy), web exited (1)} — from
 * the runtime the root flags choose, opened once for the shell; and the runtime's events of those containers. It
 * prints nothing (the runtime's notes go nowhere): only the status bar shows what it finds.
 */
final class StackStatus {
    private final Session session;

    StackStatus(Supplier<CommandLine> tree, List<String> rootArgs) {
        CommandLine cli = tree.get();
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        cli.setOut(quiet);
        cli.setErr(quiet);
        cli.parseArgs(rootArgs.toArray(String[]::new));
        BerthCommand root = cli.getCommand();
        this.session = new Session(root, cli);
    }

    synchronized String line() {
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

    /**
     * Calls {@code onEvent} (on a thread of the runtime's) for every event of the project's containers, until the
     * subscription is closed; none when the project or the runtime cannot be reached (the bar is polled all the same).
     */
    synchronized Optional<EventSubscription> watch(Runnable onEvent) {
        try {
            return Optional.of(session.runtime().events(EventQuery.live(LabelSelector.of(ServiceContainers.PROJECT,
                    session.projectName())), event -> onEvent.run()));
        } catch (RuntimeException e) {
            return Optional.empty();
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
