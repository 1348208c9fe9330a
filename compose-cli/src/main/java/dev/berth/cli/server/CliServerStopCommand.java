package dev.berth.cli.server;

import dev.berth.cli.error.UserException;
import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.root.OwnProcessCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth cli-server stop}: SIGTERM to the server recorded in the pid file (only if that process is a CLI server)
 * and waits for it to exit; requests it is running end with it.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the CLI server.")
public final class CliServerStopCommand implements Callable<Integer>, OwnProcessCommand {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", description = "The server's socket (default: this berth.jar's)")
    Path socket;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the server to exit")
    long timeoutSeconds;

    @Override
    public Optional<String> ownProcessReason(Invocation caller) {
        return Optional.of("the CLI server is managed from outside it");
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerPaths paths = CliServerCommand.paths(BerthCommand.invocation(spec), socket);
        PrintWriter out = spec.commandLine().getOut();
        Optional<ProcessHandle> server = ServerProcess.find(paths);
        if (server.isEmpty()) {
            out.println("berth cli-server: not running (socket " + paths.socket() + ")");
            out.flush();
            return 0;
        }
        server.get().destroy();
        try {
            server.get().onExit().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new UserException("berth cli-server: the server (pid " + server.get().pid() + ") did not exit"
                    + " within " + timeoutSeconds + " s; see " + paths.logFile());
        }
        out.println("berth cli-server: stopped (pid " + server.get().pid() + ")");
        out.flush();
        return 0;
    }
}
