package dev.berth.swarm.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.SwarmSpec;
import dev.berth.docker.DockerConnector;
import dev.berth.docker.DockerEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node swarm for tests, on a private dockerd that this extension starts (never an engine someone else
 * uses): own socket, data root, exec root and pid file; no iptables rules, no default bridge; the gateway bridge
 * swarm needs gets an interface name of our own. The swarm listens and advertises on 127.0.0.1 only, and the daemon
 * never pulls (the test image is built on it from the host's static busybox). At the end of the run: swarm left,
 * gateway bridge removed, daemon stopped by its pid, its directories removed — also when tests fail.
 */
public final class TestSwarm implements BeforeAllCallback {
    public static final String SOCKET = "/run/berth-test-swarm.sock";
    private static final Path DATA_ROOT = Path.of("/var/lib/berth-test-swarm");
    private static final Path EXEC_ROOT = Path.of("/run/berth-test-swarm");
    private static final Path PID_FILE = Path.of("/run/berth-test-swarm.pid");
    private static final String GATEWAY_BRIDGE = "berthswarmgw0";
    private static final List<Path> DOCKERD = List.of(Path.of("/usr/sbin/dockerd"), Path.of("/usr/bin/dockerd"));
    private static final List<Path> BUSYBOX = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private Shared shared;

    @Override
    public void beforeAll(ExtensionContext context) {
        shared = context.getRoot().getStore(ExtensionContext.Namespace.create(TestSwarm.class))
                .getOrComputeIfAbsent(Shared.class, k -> Shared.start(), Shared.class);
        assumeTrue(shared.skipReason.isEmpty(), () -> shared.skipReason.orElse(""));
    }

    public DockerEndpoint endpoint() {
        return shared.endpoint;
    }

    public DockerClient client() {
        return shared.client;
    }

    /** A busybox image with {@code sleep}, {@code httpd}, {@code cat}, built on the test daemon. */
    public String image() {
        return shared.image;
    }

    private static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Optional<String> skipReason;
        private final DockerEndpoint endpoint;
        private final Process daemon;
        private final DockerClient client;
        private final String image;

        private Shared(Optional<String> skipReason, DockerEndpoint endpoint, Process daemon, DockerClient client,
                       String image) {
            this.skipReason = skipReason;
            this.endpoint = endpoint;
            this.daemon = daemon;
            this.client = client;
            this.image = image;
        }

        static Shared start() {
            Optional<Path> dockerd = DOCKERD.stream().filter(Files::isExecutable).findFirst();
            Optional<Path> busybox = BUSYBOX.stream().filter(Files::isExecutable).findFirst();
            if (dockerd.isEmpty() || busybox.isEmpty()) {
                return skipped("needs dockerd and a static busybox (apt-get install docker.io busybox-static)");
            }
            if (!isRoot()) {
                return skipped("starting a private dockerd needs root");
            }
            if (Files.exists(PID_FILE) || Files.exists(Path.of(SOCKET))) {
                return skipped(PID_FILE + " or " + SOCKET + " exists: another swarm test run is active, or a crashed"
                        + " one left them; stop that dockerd and remove them");
            }
            DockerEndpoint endpoint = new DockerEndpoint(URI.create("unix://" + SOCKET), false, Optional.empty(),
                    "test swarm daemon");
            Process daemon = startDockerd(dockerd.get(), endpoint);
            DockerClient client = null;
            try {
                client = DockerConnector.connect(endpoint, Duration.ofMinutes(5)).client();
                // swarm attaches tasks to a gateway bridge; named here so it cannot clash with a host's docker0/gwbridge
                client.createNetworkCmd().withName("docker_gwbridge").withDriver("bridge").withOptions(Map.of(
                        "com.docker.network.bridge.name", GATEWAY_BRIDGE,
                        "com.docker.network.bridge.enable_icc", "false",
                        "com.docker.network.bridge.enable_ip_masquerade", "false")).exec();
                client.initializeSwarmCmd(new SwarmSpec()).withListenAddr("127.0.0.1:2377")
                        .withAdvertiseAddr("127.0.0.1").exec();
                String image = buildImage(client, busybox.get());
                return new Shared(Optional.empty(), endpoint, daemon, client, image);
            } catch (RuntimeException e) {
                tearDown(client, daemon);
                throw e;
            }
        }

        static Shared skipped(String reason) {
            return new Shared(Optional.of(reason), null, null, null, null);
        }

        private static Process startDockerd(Path dockerd, DockerEndpoint endpoint) {
            Path log = Path.of("target", "berth-test-swarm-dockerd.log").toAbsolutePath();
            try {
                Files.createDirectories(log.getParent());
                ProcessBuilder builder = new ProcessBuilder(dockerd.toString(),
                        "--host", endpoint.host().toString(),
                        "--data-root", DATA_ROOT.toString(),
                        "--exec-root", EXEC_ROOT.toString(),
                        "--pidfile", PID_FILE.toString(),
                        "--bridge", "none",
                        "--iptables=false")
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                // tasks use the local image instead of asking a registry for it: no traffic leaves the machine
                builder.environment().put("DOCKER_SERVICE_PREFER_OFFLINE_IMAGE", "1");
                Process p = builder.start();
                Instant deadline = Instant.now().plusSeconds(60);
                while (!answers(endpoint)) {
                    if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                        stopDaemon(p);
                        removeDaemonState();
                        throw new IllegalStateException("the test dockerd did not answer on " + SOCKET + "; see " + log);
                    }
                    Thread.sleep(200);
                }
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + dockerd, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting dockerd", e);
            }
        }

        private static boolean answers(DockerEndpoint endpoint) {
            try {
                DockerConnector.connect(endpoint, Duration.ofSeconds(1)).client().close();
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        private static String buildImage(DockerClient client, Path busybox) {
            Path context = null;
            try {
                context = Files.createTempDirectory("berth-swarm-busybox");
                Files.copy(busybox, context.resolve("busybox"));
                Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
                        + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
                String tag = "berth-swarm-busybox:test";
                client.buildImageCmd().withBaseDirectory(context.toFile())
                        .withDockerfile(context.resolve("Dockerfile").toFile()).withTags(Set.of(tag))
                        .withPull(false).withRemove(true).withForcerm(true)
                        .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
                return tag;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteTree(context);
            }
        }

        @Override
        public void close() {
            tearDown(client, daemon);
        }

        private static void tearDown(DockerClient client, Process daemon) {
            try {
                if (client != null) {
                    leaveSwarm(client);
                    client.close();
                }
            } catch (IOException | RuntimeException e) {
                // stopping the daemon below ends whatever is left
            } finally {
                stopDaemon(daemon);
                removeDaemonState();
            }
        }

        private static void leaveSwarm(DockerClient client) {
            try {
                client.leaveSwarmCmd().withForceEnabled(true).exec();
            } finally {
                // the gateway bridge is a host interface: remove it before the daemon goes
                client.listNetworksCmd().withNameFilter("docker_gwbridge").exec().stream()
                        .filter(n -> n.getName().equals("docker_gwbridge"))
                        .forEach(n -> client.removeNetworkCmd(n.getId()).exec());
            }
        }

        private static void stopDaemon(Process p) {
            if (p == null) {
                return;
            }
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void removeDaemonState() {
            try {
                String mounts = Files.readString(Path.of("/proc/self/mounts"));
                if (mounts.contains(DATA_ROOT.toString()) || mounts.contains(EXEC_ROOT.toString())) {
                    return; // still mounted: leave it rather than delete through a mount
                }
            } catch (IOException e) {
                return;
            }
            deleteTree(DATA_ROOT);
            deleteTree(EXEC_ROOT);
            PID_FILE.toFile().delete();
            Path.of(SOCKET).toFile().delete();
        }

        private static boolean isRoot() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
                return lines.filter(l -> l.startsWith("Uid:")).findFirst()
                        .map(l -> l.split("\\s+")[1].equals("0")).orElse(false);
            } catch (IOException e) {
                return false;
            }
        }

        private static void deleteTree(Path root) {
            if (root == null || !Files.exists(root)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // left behind; the next run reports it
            }
        }
    }
}
