package dev.berth.cli.run;

import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.root.OwnProcessCommand;
import dev.berth.cli.invocation.StandardStreams;
import dev.berth.runtime.io.DetachKeys;
import dev.berth.cli.terminal.SessionConsole;
import dev.berth.engine.compose.RunAttachment;
import dev.berth.cli.exec.ExecCommand;
import dev.berth.cli.support.Session;
import dev.berth.cli.support.ShellWords;
import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.error.UserException;
import dev.berth.engine.compose.OneOffImage;
import dev.berth.engine.pull.PullPolicy;
import dev.berth.engine.compose.OneOffSettings;
import dev.berth.engine.compose.RunRequest;
import dev.berth.engine.compose.RunResult;
import dev.berth.runtime.LogEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth run SERVICE [COMMAND...]}: a one-off container {@code <project>-<service>-run-<12 hex>}; attached it
 * connects to the container before it starts, forwards berth's stdin to it (as Compose, unless {@code -i=false}),
 * gives it a terminal when the user has one ({@code -T} never, {@code -t} always), passes its output on as it is
 * produced and exits with the container's code; detached ({@code -d}) it prints the name. On a terminal ctrl-p
 * ctrl-q detaches and leaves the container running. A runtime that cannot forward stdin runs the one-off without
 * it, unless {@code -i} was given. As in Compose, a one-off publishes no ports unless {@code --service-ports} or
 * {@code -p} ask for them.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a one-off command on a service.")
public final class RunCommand implements Callable<Integer>, OwnProcessCommand {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--rm", description = "Automatically remove the container when it exits")
    boolean remove;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container name")
    boolean detach;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the entrypoint of the image")
    String entrypoint;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run as specified username or uid")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = "--no-deps", description = "Don't start linked services")
    boolean noDeps;

    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container")
    String name;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation")
    boolean noTty;

    @Option(names = {"-p", "--publish"}, paramLabel = "PORT", description = "Publish a container's port(s) to the host")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--service-ports"}, description = "Run command with all service's ports enabled and mapped to the host")
    boolean servicePorts;

    @Option(names = {"-v", "--volume"}, paramLabel = "VOLUME", description = "Bind mount a volume")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VAL", description = "Add or override a label")
    List<String> labels = new ArrayList<>();

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add Linux capabilities")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop Linux capabilities")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--use-aliases", description = "Use the service's network aliases in the network(s) the container connects to")
    boolean useAliases;

    @Option(names = {"-i", "--interactive"}, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Keep STDIN open even if not attached (default: true)")
    Boolean interactive;

    @Option(names = {"-t", "--tty"}, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Allocate a pseudo-TTY (default: when stdin is a terminal)")
    Boolean tty;

    @Option(names = "--build", description = "Build image before starting container")
    boolean build;

    @Option(names = "--pull", paramLabel = "POLICY",
            description = "Pull image before running (always, missing, never); default: the service's pull_policy")
    String pull;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Optional<PullPolicy> pullPolicy;
        try {
            pullPolicy = Optional.ofNullable(pull).map(PullPolicy::parse);
        } catch (IllegalArgumentException e) {
            throw new UserException("berth run --pull: " + e.getMessage(), ExitCodes.USAGE_ERROR);
        }
        Session session = new Session(root, spec.commandLine());
        StandardStreams streams = root.streams();
        boolean withTty = allocatesTerminal();
        boolean withStdin = interactive == null || interactive;
        OneOffSettings settings = OneOffSettings.DEFAULTS.withPublish(publish, servicePorts).withVolumes(volumes)
                .withLabels(labels(this.labels)).withCapabilities(capAdd, capDrop).withUseAliases(useAliases)
                .withTerminal(withTty, withStdin);
        RunRequest request = new RunRequest(service, command, ExecCommand.keyValues(env),
                Optional.ofNullable(entrypoint).map(ShellWords::split), Optional.ofNullable(user),
                Optional.ofNullable(workdir), Optional.ofNullable(name), noDeps, detach, remove, settings,
                new OneOffImage(build, pullPolicy));
        RunResult result;
        if (detach || !(withStdin || withTty)) {
            result = session.engine().run(session.project(Set.of(service)), request, session.progress(), this::print);
        } else {
            try (SessionConsole console = SessionConsole.open(withTty, streams.in(), streams.out(), session.err(),
                    DetachKeys.DEFAULT)) {
                RunAttachment attachment = new RunAttachment(withStdin, Boolean.TRUE.equals(interactive),
                        Optional.empty(), console.pump(), console.terminalSize());
                result = session.engine().run(session.project(Set.of(service)), request, session.progress(),
                        attachment);
            }
        }
        if (detach) {
            session.out().println(result.container());
        }
        session.out().flush();
        session.err().flush();
        return result.exitCode();
    }

    /** Whether the container gets a terminal: unless {@code -T}, as {@code -t} says or when the caller sits at one. */
    boolean allocatesTerminal() {
        return !noTty && (tty != null ? tty : root.invocation().terminal().interactive());
    }

    @Override
    public Optional<String> ownProcessReason(Invocation caller) {
        return allocatesTerminal() ? Optional.of("run gives the container the terminal") : Optional.empty();
    }

    /** The container's stdout to ours, its stderr to ours, each line as it comes. */
    private void print(LogEntry entry) {
        java.io.PrintWriter to = entry.stream() == LogEntry.Stream.STDERR ? spec.commandLine().getErr()
                : spec.commandLine().getOut();
        to.println(entry.line());
        to.flush();
    }

    private static Map<String, String> labels(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new UserException("berth run: bad label " + e + "; use KEY=VALUE", ExitCodes.USAGE_ERROR);
            }
            out.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return out;
    }
}
