package dev.berth.daemon;

import dev.berth.daemon.api.EngineApi;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.config.DaemonConfig;
import dev.berth.daemon.config.DaemonConfigFile;
import dev.berth.daemon.http.HttpHandler;
import dev.berth.daemon.http.TlsHttpServer;
import dev.berth.daemon.http.UnixHttpServer;
import dev.berth.daemon.tls.TlsSetupException;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.oci.RuntimeProbe;
import dev.berth.embedded.registry.DockerHub;
import dev.berth.embedded.registry.RegistryOptions;
import dev.berth.embedded.registry.auth.DockerConfigFile;
import dev.berth.embedded.registry.auth.DockerCredentials;
import dev.berth.embedded.spi.EmbeddedRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code berth engine} daemon: the embedded engine behind the Docker Engine API on a unix socket. One daemon
 * serves a run directory: {@link #start} takes {@code <runDir>/engine.lock} and writes {@code engine.pid}.
 *
 * <p>{@link #stop} stops accepting requests, closes open connections, removes the socket, pid file and lock, and
 * closes the engine, which leaves containers as they are: they keep running, unsupervised, until a new daemon
 * adopts them from the state on disk.
 */
public final class EngineDaemon implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    private final DaemonOptions options;
    private final DaemonLog log;
    private FileChannel lockChannel;
    private FileLock lock;
    private EmbeddedRuntime runtime;
    private UnixHttpServer server;
    private TlsHttpServer tlsServer;

    private EngineDaemon(DaemonOptions options, DaemonLog log) {
        this.options = options;
        this.log = log;
    }

    /**
     * Opens the engine and starts serving.
     *
     * @param log receives start and stop, and problems while serving
     * @throws DaemonException when another daemon holds the run directory, or the socket or engine cannot be
     *     set up
     */
    public static EngineDaemon start(DaemonOptions options, DaemonLog log) {
        Objects.requireNonNull(options, "options");
        EngineDaemon daemon = new EngineDaemon(options, log);
        try {
            daemon.lock();
            DaemonConfig config = DaemonConfigFile.load(options.configFile(), DaemonConfigFile.DEFAULT);
            config.ignored().forEach(key -> log.warn("daemon configuration: " + key + " is not used by the berth"
                    + " engine and was ignored"));
            RegistryOptions registry = registryOptions(options, config);
            daemon.runtime = EmbeddedRuntime.open(engineOptions(options), registry,
                    Optional.ofNullable(System.getenv("DOCKER_DEFAULT_PLATFORM")));
            EngineBacking backing = EngineBacking.of(daemon.runtime, options.root(), registry);
            HttpHandler api = EngineApi.router(backing, VERSION, log::warn);
            if (options.tcp().isPresent()) {
                TlsEndpoint tcp = options.tcp().get();
                daemon.tlsServer = new TlsHttpServer(tcp.address(), tcp.tls().context(), api,
                        "Berth-Engine/" + VERSION, log::warn);
                daemon.tlsServer.start();
            }
            daemon.server = new UnixHttpServer(options.socket(), api, "Berth-Engine/" + VERSION, log::warn);
            daemon.server.start();
            Files.writeString(options.pidFile(), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (TlsSetupException e) {
            daemon.stop();
            throw new DaemonException("cannot start the berth engine: its TLS files cannot be used: "
                    + e.getMessage(), e);
        } catch (DaemonConfigFile.InvalidConfigException e) {
            daemon.stop();
            throw new DaemonException("cannot start the berth engine: the daemon configuration is wrong: "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            daemon.stop();
            throw e instanceof DaemonException d ? d
                    : new DaemonException("cannot start the berth engine on " + options.socket() + ": "
                    + e.getMessage(), e);
        }
        log.info("berth engine " + VERSION + " (pid " + ProcessHandle.current().pid() + ", " + runtimeName()
                + ") serving " + options.socket() + daemon.tlsServer().map(t -> " and " + t.url()
                + " (TLS, clients with a certificate from " + options.tcp().get().tls().caCert() + ")").orElse("")
                + ", state in " + options.root());
        return daemon;
    }

    /**
     * Registries as the configuration says: Docker Hub at {@code options}' endpoint behind the configured mirrors,
     * the configured insecure registries, credentials from the Docker {@code config.json} of the user running the
     * engine.
     */
    static RegistryOptions registryOptions(DaemonOptions options, DaemonConfig config) {
        return RegistryOptions.defaults(new DockerCredentials(DockerConfigFile.locate(System.getenv())))
                .withHub(new DockerHub(options.hubEndpoint(), config.registryMirrors()))
                .withInsecure(config.insecureRegistries());
    }

    private static EngineOptions engineOptions(DaemonOptions options) {
        return new EngineOptions(options.root(), options.runDir(), runtimeName(), Clock.systemUTC());
    }

    private static String runtimeName() {
        return RuntimeProbe.probe("runc").available() ? "runc" : "crun";
    }

    private void lock() throws IOException {
        Files.createDirectories(options.runDir());
        Files.createDirectories(options.root());
        lockChannel = FileChannel.open(options.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldByThisJvm) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            String pid = readPid(options.pidFile()).map(p -> " (pid " + p + ")").orElse("");
            throw new DaemonException("another berth engine" + pid + " already serves " + options.runDir()
                    + "; stop it with `berth engine stop` or use another BERTH_RUN_DIR", null);
        }
    }

    /**
     * The pid of the daemon serving {@code options}' run directory, if one holds its lock (a pid file without a
     * lock holder is stale and ignored).
     */
    public static java.util.Optional<Long> runningPid(DaemonOptions options) {
        if (!Files.exists(options.lockFile())) {
            return java.util.Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(options.lockFile(), StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return java.util.Optional.empty();
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // this JVM holds it
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return readPid(options.pidFile());
    }

    /** The pid recorded in a daemon pid file, if the file exists and holds one. */
    public static java.util.Optional<Long> readPid(Path pidFile) {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    public DaemonOptions options() {
        return options;
    }

    /** The TCP listener, when the options ask for one. */
    public synchronized Optional<TlsHttpServer> tlsServer() {
        return Optional.ofNullable(tlsServer);
    }

    /** Stops serving and releases the run directory; containers keep running. Idempotent. */
    public synchronized void stop() {
        boolean serving = server != null;
        if (tlsServer != null) {
            tlsServer.close();
            tlsServer = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
        try {
            if (lock != null) {
                Files.deleteIfExists(options.pidFile());
                lock.release();
                lock = null;
            }
            if (lockChannel != null) {
                lockChannel.close();
                lockChannel = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (serving) {
            log.info("berth engine stopped serving " + options.socket() + "; containers keep running");
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The daemon could not start; the message says why and what to do. */
    public static final class DaemonException extends RuntimeException {
        public DaemonException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
