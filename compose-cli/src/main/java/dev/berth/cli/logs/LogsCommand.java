package dev.berth.cli.logs;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.LogPrinter;
import dev.berth.cli.support.Session;
import dev.berth.cli.error.UserException;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LogOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth logs}: output of the project's containers, prefixed with the container name. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "View output from containers.")
public final class LogsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all", description = "Lines to show from the end of each container's log (default: all)")
    String tail;

    @Option(names = "--since", paramLabel = "TIME", description = "Show logs since a timestamp (2026-01-02T13:23:37Z) or relative time (42m)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Show logs before a timestamp or relative time")
    String until;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--no-log-prefix", description = "Don't print the container name prefix")
    boolean noLogPrefix;

    @Option(names = "--no-color", description = "Produce monochrome output")
    boolean noColor;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() throws InterruptedException {
        Session session = new Session(root, spec.commandLine());
        String project = session.projectName();
        LogOptions options = new LogOptions(follow, time(since), time(until),
                tail.equals("all") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(tail)), timestamps);
        int width = session.engine().ps(project, Set.copyOf(services), true).stream()
                .map(ContainerSummary::name).mapToInt(String::length).max().orElse(0);
        session.engine().logs(project, Set.copyOf(services), options,
                new LogPrinter(session.out(), !noColor && session.colour(), noLogPrefix, timestamps, width));
        return 0;
    }

    /** An RFC 3339 instant, or a duration before now such as {@code 42m}, {@code 2h}, {@code 10s}. */
    static Optional<Instant> time(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.now().minus(Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT))));
            } catch (DateTimeParseException again) {
                throw new UserException("berth: bad time " + text + "; use 2026-01-02T13:23:37Z or 42m");
            }
        }
    }
}
