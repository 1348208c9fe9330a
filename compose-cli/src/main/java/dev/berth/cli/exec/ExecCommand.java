package dev.berth.cli.exec;

import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.root.OwnProcessCommand;
import dev.berth.cli.invocation.StandardStreams;
import dev.berth.runtime.io.DetachKeys;
import dev.berth.cli.terminal.SessionConsole;
import dev.berth.engine.compose.SessionDriver;
import dev.berth.cli.support.Session;
import dev.berth.cli.error.UserException;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth exec SERVICE COMMAND...}: runs a command in a running container and exits with its code. As in
 * Compose, its stdin is connected ({@code -i=false} disconnects it) and it gets a terminal when the user has one
 * ({@code -T} never, {@code -t} always); on a terminal, the user's is in raw mode meanwhile and ctrl-p ctrl-q
 * detaches. When the runtime cannot give the process a terminal and none was asked for explicitly, it runs without.
 */
@Command(name = "exec", mixinStandardHelpOptions = true, description = "Execute a command in a running container.")
public final class ExecCommand implements Callable<Integer>, OwnProcessCommand {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run the command as this user")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory for this command")
    String workdir;

    @Option(names = "--index", defaultValue = "1", paramLabel = "N", description = "Index of the container if service has multiple replicas")
    int index;

    @Option(names = "--privileged", description = "Give extended privileges to the process")
    boolean privileged;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation")
    boolean noTty;

    @Option(names = {"-t", "--tty"}, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Allocate a pseudo-TTY (default: when stdin is a terminal)")
    Boolean tty;

    @Option(names = {"-i", "--interactive"}, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Keep STDIN open even if not attached (default: true)")
    Boolean interactive;

    @Option(names = {"-d", "--detach"}, description = "Detached mode (not supported: exec waits for the command)")
    boolean detach;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Session session = new Session(root, spec.commandLine());
        StandardStreams streams = root.streams();
        boolean withTty = allocatesTerminal(root.invocation());
        boolean withStdin = interactive == null || interactive;
        ExecSpec exec = new ExecSpec(command, keyValues(env), Optional.ofNullable(user), Optional.ofNullable(workdir),
                false, privileged);
        if (!withTty && !withStdin) {
            return captured(session, exec);
        }
        try (ProcessSession process = start(session, exec.withStdin(withStdin), withTty);
             SessionConsole console = SessionConsole.open(process.tty(), streams.in(), streams.out(), session.err(),
                     DetachKeys.DEFAULT)) {
            SessionDriver.End end = console.pump().drive(process);
            return end == SessionDriver.End.DETACHED ? 0 : process.awaitExit();
        }
    }

    /** With a terminal as asked; when only defaulted and the runtime has none to give, without (and says so). */
    private ProcessSession start(Session session, ExecSpec exec, boolean withTty) {
        try {
            return session.engine().startExec(session.projectName(), service, index, exec.withTty(withTty));
        } catch (UnsupportedOperationRuntimeException e) {
            if (!withTty || tty != null) {
                throw e;
            }
            session.err().println("berth: " + e.getMessage() + "; running without a terminal");
            session.err().flush();
            return session.engine().startExec(session.projectName(), service, index, exec);
        }
    }

    /** {@code -i=false -T}: runs the command to its end, then prints what it wrote. */
    private int captured(Session session, ExecSpec exec) {
        ExecResult result = session.engine().exec(session.projectName(), service, index, exec);
        session.out().print(result.stdout());
        session.out().flush();
        session.err().print(result.stderr());
        session.err().flush();
        return result.exitCode();
    }

    /** {@code KEY=VAL} entries in order. */
    public static Map<String, String> keyValues(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new UserException("berth: bad environment entry " + e + "; use KEY=VALUE");
            }
            out.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return out;
    }

    /** Whether the process gets a terminal: unless {@code -T}, as {@code -t} says or when the caller sits at one. */
    private boolean allocatesTerminal(Invocation caller) {
        return !noTty && (tty != null ? tty : caller.terminal().interactive());
    }

    @Override
    public Optional<String> ownProcessReason(Invocation caller) {
        return allocatesTerminal(caller) ? Optional.of("exec gives the process the terminal") : Optional.empty();
    }
}
