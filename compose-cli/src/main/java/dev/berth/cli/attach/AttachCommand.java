package dev.berth.cli.attach;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.error.UserException;
import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.root.OwnProcessCommand;
import dev.berth.cli.invocation.StandardStreams;
import dev.berth.cli.support.Session;
import dev.berth.runtime.io.DetachKeys;
import dev.berth.cli.terminal.SessionConsole;
import dev.berth.cli.terminal.SignalProxy;
import dev.berth.engine.compose.SessionDriver;
import dev.berth.runtime.AttachSpec;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth attach SERVICE}: connects berth's stdin, stdout and stderr to the main process of a service's running
 * container, as {@code docker compose attach} does, and exits with the container's code once it stops. Stdin is
 * forwarded when the container was created with {@code stdin_open} (unless {@code --no-stdin}); with a terminal
 * ({@code tty: true}) the user's terminal is in raw mode, its size is passed on, and the detach keys leave the
 * container running; without one, {@code --sig-proxy} passes the signals berth receives on to the container.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = "Attach local standard input, output, and error streams to a service's running container.")
public final class AttachCommand implements Callable<Integer>, OwnProcessCommand {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--index", defaultValue = "1", paramLabel = "N",
            description = "Index of the container if service has multiple replicas")
    int index;

    @Option(names = "--no-stdin", description = "Do not attach STDIN")
    boolean noStdin;

    @Option(names = "--sig-proxy", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Proxy all received signals to the process (default: true)")
    boolean sigProxy;

    @Option(names = "--detach-keys", defaultValue = "ctrl-p,ctrl-q", paramLabel = "KEYS",
            description = "Override the key sequence for detaching from a container (default: ${DEFAULT-VALUE})")
    String detachKeys;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Override
    public Integer call() throws InterruptedException {
        DetachKeys keys;
        try {
            keys = DetachKeys.parse(detachKeys);
        } catch (IllegalArgumentException e) {
            throw new UserException("berth attach --detach-keys: " + e.getMessage(), ExitCodes.USAGE_ERROR);
        }
        Session session = new Session(root, spec.commandLine());
        String project = session.projectName();
        StandardStreams streams = root.streams();
        try (ProcessSession process = attach(session, project, new AttachSpec(!noStdin, Optional.of(keys.toString())));
             SessionConsole console = SessionConsole.open(process.tty(), streams.in(), streams.out(), session.err(),
                     keys);
             SignalProxy signals = sigProxy && !process.tty()
                     ? SignalProxy.forward(SignalProxy.FORWARDED,
                             signal -> session.engine().signal(project, service, index, signal))
                     : null) {
            SessionDriver.End end = console.pump().drive(process);
            return end == SessionDriver.End.DETACHED ? 0 : process.awaitExit();
        }
    }

    /**
     * With stdin unless {@code --no-stdin}; without, when the container does not take stdin ({@code stdin_open}
     * unset) or the runtime cannot forward it (then berth says so).
     */
    private ProcessSession attach(Session session, String project, AttachSpec attach) {
        try {
            return session.engine().attach(project, service, index, attach);
        } catch (InvalidStateException e) {
            if (!attach.stdin()) {
                throw e;
            }
        } catch (UnsupportedOperationRuntimeException e) {
            if (!attach.stdin()) {
                throw e;
            }
            session.err().println("berth: " + e.getMessage() + "; attaching without stdin");
            session.err().flush();
        }
        return session.engine().attach(project, service, index, attach.withStdin(false));
    }

    @Override
    public Optional<String> ownProcessReason(Invocation caller) {
        return caller.terminal().interactive() ? Optional.of("attach connects the container to the terminal")
                : Optional.empty();
    }
}
