package dev.berth.daemon;

import dev.berth.embedded.registry.DockerHub;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the engine daemon listens and keeps state: {@code socket} (default {@code <runDir>/engine.sock}),
 * {@code root} for images, containers and volumes, {@code runDir} for runtime state, the pid file and the lock;
 * {@code configFile} is the daemon configuration ({@code daemon.json}; empty: {@code /etc/berth/daemon.json} when it
 * exists), {@code hubEndpoint} where Docker Hub answers (tests point it at a local registry), and {@code tcp} a TCP
 * address served with TLS client authentication besides the socket (none by default).
 */
public record DaemonOptions(Path socket, Path root, Path runDir, Optional<Path> configFile, URI hubEndpoint,
                            Optional<TlsEndpoint> tcp) {
    public static final String ROOT_ENV = "BERTH_ROOT";
    public static final String RUN_DIR_ENV = "BERTH_RUN_DIR";
    public static final Path DEFAULT_ROOT = Path.of("/var/lib/berth");
    public static final Path DEFAULT_RUN_DIR = Path.of("/run/berth");
    public static final String SOCKET_NAME = "engine.sock";

    public DaemonOptions {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(hubEndpoint, "hubEndpoint");
        Objects.requireNonNull(tcp, "tcp");
    }

    /** The socket in {@code runDir}, no configuration file named, Docker Hub at its own address. */
    public static DaemonOptions at(Path root, Path runDir) {
        return new DaemonOptions(runDir.resolve(SOCKET_NAME), root, runDir, Optional.empty(),
                DockerHub.DEFAULT_ENDPOINT, Optional.empty());
    }

    /** The defaults, or {@code BERTH_ROOT} / {@code BERTH_RUN_DIR} from {@code env}. */
    public static DaemonOptions fromEnvironment(Map<String, String> env) {
        Path root = nonBlank(env.get(ROOT_ENV)) ? Path.of(env.get(ROOT_ENV)) : DEFAULT_ROOT;
        Path run = nonBlank(env.get(RUN_DIR_ENV)) ? Path.of(env.get(RUN_DIR_ENV)) : DEFAULT_RUN_DIR;
        return at(root, run);
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    public DaemonOptions withSocket(Path value) {
        return new DaemonOptions(value, root, runDir, configFile, hubEndpoint, tcp);
    }

    public DaemonOptions withRoot(Path value) {
        return new DaemonOptions(socket, value, runDir, configFile, hubEndpoint, tcp);
    }

    public DaemonOptions withConfigFile(Path file) {
        return new DaemonOptions(socket, root, runDir, Optional.of(file), hubEndpoint, tcp);
    }

    public DaemonOptions withHubEndpoint(URI url) {
        return new DaemonOptions(socket, root, runDir, configFile, url, tcp);
    }

    public DaemonOptions withTcp(TlsEndpoint endpoint) {
        return new DaemonOptions(socket, root, runDir, configFile, hubEndpoint, Optional.of(endpoint));
    }

    public Path pidFile() {
        return runDir.resolve("engine.pid");
    }

    public Path lockFile() {
        return runDir.resolve("engine.lock");
    }

    public Path logFile() {
        return runDir.resolve("engine.log");
    }
}
