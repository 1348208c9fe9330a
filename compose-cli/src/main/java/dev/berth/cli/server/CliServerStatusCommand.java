package dev.berth.cli.server;

import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.root.OwnProcessCommand;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth cli-server status}: whether the CLI server runs, its pid, socket and log; exit 1 when it does not. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the CLI server runs.")
public final class CliServerStatusCommand implements Callable<Integer>, OwnProcessCommand {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", description = "The server's socket (default: this berth.jar's)")
    Path socket;

    @Override
    public Optional<String> ownProcessReason(Invocation caller) {
        return Optional.of("the CLI server is managed from outside it");
    }

    @Override
    public Integer call() {
        ServerPaths paths = CliServerCommand.paths(BerthCommand.invocation(spec), socket);
        PrintWriter out = spec.commandLine().getOut();
        Optional<ProcessHandle> server = ServerProcess.find(paths);
        if (server.isEmpty()) {
            out.println("berth cli-server: not running (socket " + paths.socket() + ")");
            out.flush();
            return 1;
        }
        out.println("berth cli-server: running, pid " + server.get().pid() + ", socket " + paths.socket()
                + (Files.exists(paths.socket()) ? "" : " (missing)") + ", log " + paths.logFile());
        out.flush();
        return 0;
    }
}
