package dev.berth.cli.engine;

import dev.berth.cli.error.UserException;
import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.root.OwnProcessCommand;
import dev.berth.daemon.DaemonLog;
import dev.berth.daemon.DaemonOptions;
import dev.berth.daemon.EngineDaemon;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth engine}: runs the engine daemon in the foreground until SIGTERM/SIGINT, which stop it serving and
 * leave containers running.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Run the berth engine (Docker Engine API on a unix socket) in the foreground.",
        subcommands = {EngineStatusCommand.class, EngineStopCommand.class})
public final class EngineCommand implements Callable<Integer>, OwnProcessCommand {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", description = "Unix socket to serve (default <run dir>/engine.sock)")
    Path socket;

    @Option(names = "--root", paramLabel = "DIR", description = "State directory (default $BERTH_ROOT or /var/lib/berth)")
    Path root;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info", description = "info or warn")
    String logLevel;

    @Option(names = {"-H", "--host"}, paramLabel = "ADDR",
            description = "Address to serve, as dockerd's: unix:///PATH (instead of --socket) or tcp://HOST:PORT"
                    + " (besides the socket; needs --tlsverify)")
    java.util.List<String> hosts = new java.util.ArrayList<>();

    @Option(names = "--tlsverify", description = "Serve the TCP address with TLS, only to clients whose certificate"
            + " --tlscacert signed")
    boolean tlsVerify;

    @Option(names = "--tlscacert", paramLabel = "FILE", description = "CA certificates clients must have a"
            + " certificate from (default ca.pem in $DOCKER_CERT_PATH or ~/.docker)")
    Path tlsCaCert;

    @Option(names = "--tlscert", paramLabel = "FILE", description = "The engine's TLS certificate (default cert.pem)")
    Path tlsCert;

    @Option(names = "--tlskey", paramLabel = "FILE", description = "The engine's TLS private key (default key.pem)")
    Path tlsKey;

    @Option(names = {"--config-file", "--config"}, paramLabel = "FILE",
            description = "Daemon configuration in dockerd's daemon.json format: registry-mirrors, insecure-registries"
                    + " (default /etc/berth/daemon.json when it exists)")
    Path configFile;

    /**
     * The options from the caller's environment, with {@code --socket} and {@code --root} applied; relative paths
     * resolve against the caller's working directory.
     */
    static DaemonOptions options(Invocation caller, Path socket, Path root) {
        DaemonOptions options = DaemonOptions.fromEnvironment(caller.env());
        options = DaemonOptions.at(caller.resolve(options.root()), caller.resolve(options.runDir()));
        if (socket != null) {
            options = options.withSocket(caller.resolve(socket));
        }
        if (root != null) {
            options = options.withRoot(caller.resolve(root));
        }
        return options;
    }

    @Override
    public Optional<String> ownProcessReason(Invocation caller) {
        return Optional.of("berth engine is a daemon of its own");
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String level = logLevel.toLowerCase(Locale.ROOT);
        if (!level.equals("info") && !level.equals("warn")) {
            throw new UserException("berth engine: --log-level " + logLevel + " is not a level (use info or warn)");
        }
        boolean info = level.equals("info");
        DaemonLog log = new DaemonLog() {
            @Override
            public void info(String message) {
                if (info) {
                    line("info", message);
                }
            }

            @Override
            public void warn(String message) {
                line("warn", message);
            }

            private synchronized void line(String level, String message) {
                err.println(Instant.now() + " " + level + " " + message);
                err.flush();
            }
        };
        Invocation caller = BerthCommand.invocation(spec);
        DaemonOptions options = new EngineHosts(hosts, tlsVerify, Optional.ofNullable(tlsCaCert),
                Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey))
                .apply(options(caller, socket, root), caller.env(), caller::resolve);
        EngineDaemon daemon = EngineDaemon.start(configFile == null ? options
                : options.withConfigFile(BerthCommand.invocation(spec).resolve(configFile)), log);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.stop();
            stopped.countDown();
        }, "berth-engine-shutdown"));
        stopped.await();
        return 0;
    }
}
