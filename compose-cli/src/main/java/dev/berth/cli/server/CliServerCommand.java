package dev.berth.cli.server;

import dev.berth.cli.error.UserException;
import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.root.OwnProcessCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth cli-server}: runs the resident CLI server in the foreground (the {@code ./berth} launcher starts it
 * detached and drives it with the {@code berth-client} program); {@code status} and {@code stop} manage it. Hidden:
 * users meet it only through the launcher.
 */
@Command(name = "cli-server", hidden = true, mixinStandardHelpOptions = true,
        description = "Run the resident CLI server that the berth launcher's client talks to.",
        subcommands = {CliServerStatusCommand.class, CliServerStopCommand.class})
public final class CliServerCommand implements Callable<Integer>, OwnProcessCommand {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", description = "Socket to serve (default: the per-user socket of this berth.jar)")
    Path socket;

    @Option(names = "--idle", paramLabel = "DURATION", description = "Exit after this long without requests (default: $BERTH_CLI_SERVER_IDLE or 3h)")
    String idle;

    @Option(names = "--sources", paramLabel = "DIR", description = "The berth checkout this jar was built from: once its sources change, requests are refused so that the launcher rebuilds")
    Path sources;

    private final CommandLines commands;

    /** {@code commands} is the command tree the server runs requests on. */
    public CliServerCommand(CommandLines commands) {
        this.commands = commands;
    }

    @Override
    public Optional<String> ownProcessReason(Invocation caller) {
        return Optional.of("the CLI server runs in a process of its own");
    }

    @Override
    public Integer call() {
        Invocation caller = BerthCommand.invocation(spec);
        ServerPaths paths = paths(caller, socket);
        PrintWriter err = spec.commandLine().getErr();
        CliServer server;
        try {
            server = new CliServer(paths, IdleTimeout.choose(idle, caller.env()), commands,
                    Optional.ofNullable(sources).map(caller::resolve));
        } catch (IllegalArgumentException e) {
            throw new UserException("berth cli-server: " + e.getMessage(), 2);
        }
        try {
            if (server.serve() == CliServer.Ending.ALREADY_RUNNING) {
                err.println("berth cli-server: another server already serves " + paths.socket());
                err.flush();
            }
            return 0;
        } catch (IOException e) {
            throw new UserException("berth cli-server: cannot serve " + paths.socket() + ": " + e.getMessage());
        }
    }

    /** {@code --socket} relative to the caller, else the per-user socket of the jar this process runs. */
    static ServerPaths paths(Invocation caller, Path socket) {
        if (socket != null) {
            return ServerPaths.at(caller.resolve(socket));
        }
        return ServerPaths.forJar(JarIdentity.codeSource(), caller.env(), ServerPaths.currentUid());
    }
}
