package dev.berth.swarm.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.SwarmSpec;
import dev.berth.docker.BusyboxTestImage;
import dev.berth.docker.DockerConnector;
import dev.berth.docker.DockerEndpoint;
import dev.berth.docker.PrivateDockerd;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node swarm for tests, on a {@link PrivateDockerd} that this extension starts (never an engine someone else
 * uses): own socket, data root, exec root and pid file; no iptables rules, no default bridge; the gateway bridge
 * swarm needs gets an interface name of our own. The swarm listens and advertises on 127.0.0.1 only, and the daemon
 * never pulls (the test image is built on it from the host's static busybox). At the end of the run: swarm left,
 * gateway bridge removed, daemon stopped by its pid, its directories removed — also when tests fail.
 */
public final class TestSwarm implements BeforeAllCallback {
    private static final String NAME = "berth-test-swarm";
    public static final String SOCKET = "/run/" + NAME + ".sock";
    private static final String GATEWAY_BRIDGE = "berthswarmgw0";
    private static final String IMAGE = "berth-swarm-busybox:test";

    private Shared shared;

    @Override
    public void beforeAll(ExtensionContext context) {
        shared = context.getRoot().getStore(ExtensionContext.Namespace.create(TestSwarm.class))
                .getOrComputeIfAbsent(Shared.class, k -> Shared.start(), Shared.class);
        assumeTrue(shared.skipReason.isEmpty(), () -> shared.skipReason.orElse(""));
    }

    public DockerEndpoint endpoint() {
        return shared.daemon.endpoint();
    }

    public DockerClient client() {
        return shared.client;
    }

    /** A busybox image with {@code sleep}, {@code httpd}, {@code cat}, built on the test daemon. */
    public String image() {
        return IMAGE;
    }

    private static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Optional<String> skipReason;
        private final PrivateDockerd daemon;
        private final DockerClient client;

        private Shared(Optional<String> skipReason, PrivateDockerd daemon, DockerClient client) {
            this.skipReason = skipReason;
            this.daemon = daemon;
            this.client = client;
        }

        static Shared start() {
            Optional<String> unavailable = PrivateDockerd.unavailable().or(BusyboxTestImage::unavailable);
            if (unavailable.isPresent()) {
                return skipped(unavailable.get());
            }
            PrivateDockerd.Paths paths = new PrivateDockerd.Paths(NAME);
            if (paths.inUse()) {
                return skipped(paths.pidFile() + " or " + paths.socket() + " exists: another swarm test run is"
                        + " active, or a crashed one left them; stop that dockerd and remove them");
            }
            // tasks use the local image instead of asking a registry for it: no traffic leaves the machine
            PrivateDockerd daemon = PrivateDockerd.start(NAME, Map.of("DOCKER_SERVICE_PREFER_OFFLINE_IMAGE", "1"));
            DockerClient client = null;
            try {
                client = DockerConnector.connect(daemon.endpoint(), Duration.ofMinutes(5)).client();
                // swarm attaches tasks to a gateway bridge; named here so it cannot clash with a host's docker0/gwbridge
                client.createNetworkCmd().withName("docker_gwbridge").withDriver("bridge").withOptions(Map.of(
                        "com.docker.network.bridge.name", GATEWAY_BRIDGE,
                        "com.docker.network.bridge.enable_icc", "false",
                        "com.docker.network.bridge.enable_ip_masquerade", "false")).exec();
                client.initializeSwarmCmd(new SwarmSpec()).withListenAddr("127.0.0.1:2377")
                        .withAdvertiseAddr("127.0.0.1").exec();
                BusyboxTestImage.build(client, IMAGE);
                return new Shared(Optional.empty(), daemon, client);
            } catch (RuntimeException e) {
                tearDown(client, daemon);
                throw e;
            }
        }

        static Shared skipped(String reason) {
            return new Shared(Optional.of(reason), null, null);
        }

        @Override
        public void close() {
            if (daemon != null) {
                tearDown(client, daemon);
            }
        }

        private static void tearDown(DockerClient client, PrivateDockerd daemon) {
            try {
                if (client != null) {
                    leaveSwarm(client);
                    client.close();
                }
            } catch (IOException | RuntimeException e) {
                // stopping the daemon below ends whatever is left
            } finally {
                daemon.close();
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
    }
}
