package dev.berth.cli.events;

import dev.berth.cli.error.UserException;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.ServiceContainers;
import dev.berth.cli.support.Session;
import dev.berth.runtime.EventQuery;
import dev.berth.runtime.EventSubscription;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.RuntimeEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth events [--json] [SERVICE...]}: as {@code docker compose events}, the project's container events as
 * they happen, until interrupted ({@code --since}/{@code --until} as in {@code docker events}).
 */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Receive real time events from containers.")
public final class EventsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--json", description = "Output events as a stream of json objects")
    boolean json;

    @Option(names = "--since", paramLabel = "TIME", description = "Show events since this time (RFC 3339, e.g. 2026-01-02T15:04:05Z)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Stream events until this time (RFC 3339)")
    String until;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() throws InterruptedException {
        Session session = new Session(root, spec.commandLine());
        Set<String> wanted = Set.copyOf(services);
        EventQuery query = new EventQuery(LabelSelector.of(ServiceContainers.PROJECT, session.projectName()),
                time("--since", since), time("--until", until));
        var out = session.out();
        try (EventSubscription subscription = session.runtime().events(query, e -> {
            if (e.type() == RuntimeEvent.Type.CONTAINER && (wanted.isEmpty()
                    || wanted.contains(e.attributes().get(ServiceContainers.SERVICE)))) {
                synchronized (out) {
                    out.println(json ? EventLine.json(e) : EventLine.text(e));
                    out.flush();
                }
            }
        })) {
            while (!subscription.awaitEnd(Duration.ofSeconds(1))) {
                // until interrupted, or until --until has passed
            }
            if (subscription.failure().isPresent()) {
                throw new UserException("berth: events stopped: " + subscription.failure().get().getMessage());
            }
        }
        return 0;
    }

    private static Optional<Instant> time(String flag, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new UserException("berth: " + flag + " " + value + " is not an RFC 3339 time; write e.g. "
                    + "2026-01-02T15:04:05Z");
        }
    }
}
