package dev.berth.cli.run;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.exec.ExecCommand;
import dev.berth.cli.support.Session;
import dev.berth.cli.support.ShellWords;
import dev.berth.engine.compose.RunRequest;
import dev.berth.engine.compose.RunResult;
import java.util.ArrayList;
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
 * {@code berth run SERVICE [COMMAND...]}: a one-off container {@code <project>-<service>-run-<12 hex>}; attached it
 * prints the output and exits with the container's code, detached ({@code -d}) it prints the name.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a one-off command on a service.")
public final class RunCommand implements Callable<Integer> {

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

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Session session = new Session(root, spec.commandLine());
        RunRequest request = new RunRequest(service, command, ExecCommand.keyValues(env),
                Optional.ofNullable(entrypoint).map(ShellWords::split), Optional.ofNullable(user),
                Optional.ofNullable(workdir), Optional.ofNullable(name), noDeps, detach, remove);
        RunResult result = session.engine().run(session.project(Set.of(service)), request, session.progress());
        if (detach) {
            session.out().println(result.container());
        } else {
            result.output().forEach(session.out()::println);
        }
        session.out().flush();
        return result.exitCode();
    }
}
