package dev.berth.cli.exec;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.cli.error.UserException;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
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

/** {@code berth exec SERVICE COMMAND...}: runs a command in a running container; exits with its code. */
@Command(name = "exec", mixinStandardHelpOptions = true, description = "Execute a command in a running container.")
public final class ExecCommand implements Callable<Integer> {

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

    @Option(names = {"-d", "--detach"}, description = "Detached mode (not supported: exec waits for the command)")
    boolean detach;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        ExecResult result = session.engine().exec(session.projectName(), service, index, new ExecSpec(command,
                keyValues(env), Optional.ofNullable(user), Optional.ofNullable(workdir), false, privileged));
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
}
