package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.net.ContainerNetns;
import dev.berth.embedded.net.Firewall;
import dev.berth.embedded.net.NetworkManager;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.IpamPool;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.PortBinding;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bridge networking through the SPI on real runc containers (root): names resolve on shared networks only,
 * traffic between networks is dropped, published ports serve on 127.0.0.1 only, connect/disconnect apply to a
 * running container, an engine restart serves names and ports again, and removal leaves no veth, namespace,
 * firewall rule or proxy. Every network and container is this test's own (random names, own engine root); traffic
 * goes only to 127.0.0.0/8 and into the test's namespaces.
 */
class EmbeddedNetworkingTest {
    private static final ImageRef IMAGE = ImageRef.of("berth-net-test/busybox:test");
    private static final String SERVE = "mkdir -p /www && echo hello-from-$(hostname) > /www/index.html"
            + " && exec busybox httpd -f -p 8080 -h /www";

    @RegisterExtension
    final NetworkTestRuntime fixture = new NetworkTestRuntime("berth-net-e2e", IMAGE.value(), BusyboxImage::build);
    private EmbeddedRuntime runtime;
    private String run;
    private final List<String> networkIds = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        runtime = fixture.runtime();
        run = fixture.run();
    }

    @Test
    void containersReachEachOtherByNameOnlyOnSharedNetworksAndPublishedPortsServeLoopback() throws Exception {
        String front = network("front");
        String back = network("back");
        // the udp port on all addresses gets DNAT rules (loopback-only ports need none); nothing sends to it
        ContainerId web = start(container("web", SERVE).networks(List.of(NetworkAttachment.of(front, "www")))
                .ports(List.of(new PortBinding("127.0.0.1", 0, 8080, "tcp"), new PortBinding("", 0, 5353, "udp"))));
        ContainerId client = start(container("client", "sleep 3600").networks(List.of(NetworkAttachment.of(front)))
                .extraHosts(List.of("db.example:10.9.8.7", "host.docker.internal:host-gateway")));
        ContainerId outsider = start(container("outsider", "sleep 3600")
                .networks(List.of(NetworkAttachment.of(back))));
        String webName = runtime.inspect(web).name();
        String webIp = ownAddress(web);

        assertEquals("hello-from-" + web.value().substring(0, 12), fetch(client, "http://www:8080/").trim(),
                "an alias resolves on the shared network");
        assertTrue(fetch(client, "http://" + webName + ":8080/").startsWith("hello-from-"), "so does the name");
        assertTrue(sh(client, "cat /etc/resolv.conf").stdout().contains("nameserver "
                + gateway(front)), "the resolver is the gateway of the container's network");
        String hosts = sh(client, "cat /etc/hosts").stdout();
        assertTrue(hosts.contains("10.9.8.7\tdb.example\n") && hosts.contains(gateway(front)
                + "\thost.docker.internal\n"), "extra_hosts, host-gateway = the network's gateway: " + hosts);
        assertNotEquals(0, sh(outsider, "busybox nslookup www").exitCode(), "names are scoped by network");
        assertNotEquals(0, sh(outsider, "timeout 3 busybox wget -q -O - http://" + webIp + ":8080/").exitCode(),
                "traffic between networks is dropped");

        int port = publishedPort(web, 8080);
        assertTrue(port > 0, "an ephemeral host port is reported");
        assertTrue(httpGet("127.0.0.1", port).contains("hello-from-"), "the published port serves 127.0.0.1");
        assertThrows(ConnectException.class, () -> httpGet("127.0.0.2", port), "and only the address it was asked for");

        List<String> leftovers = new ArrayList<>(List.of(ContainerNetns.nameFor(web.value()),
                NetworkManager.hostVethName(web.value(), networkId(front))));
        String portTag = firewallTagsOfPorts();
        assertFalse(new Firewall().rulesTagged(portTag).isEmpty(), "DNAT for the port on all addresses");
        for (ContainerSummary c : runtime.list(LabelSelector.of("test.run", run))) {
            runtime.remove(c.id(), true, true);
        }
        runtime.removeNetwork(front);
        runtime.removeNetwork(back);
        for (String name : leftovers) {
            assertFalse(Files.exists(Path.of("/run/netns", name)) || Files.exists(Path.of("/sys/class/net", name)),
                    name + " is left behind");
        }
        for (String id : networkIds) {
            assertFalse(Files.exists(Path.of("/sys/class/net", "br-" + id.substring(0, 12))), "bridge left behind");
            assertEquals(List.of(), new Firewall().rulesTagged("berth-net:" + id.substring(0, 12)));
        }
        assertEquals(List.of(), new Firewall().rulesTagged(portTag), "port rules left behind");
        assertThrows(ConnectException.class, () -> httpGet("127.0.0.1", port), "the proxy is gone");
        if (new Firewall().allBerthRules().isEmpty()) {
            assertFalse(iptablesSave().contains(Firewall.FORWARD_CHAIN), "no Berth chain without Berth rules");
        }
    }

    @Test
    void connectAndDisconnectApplyToARunningContainerAndStaticAddressesHold() throws Exception {
        String subnet = "172.31." + (1 + (int) (Math.random() * 250)) + ".0/24";
        String front = runtime.createNetwork(new NetworkSpec(name("static"), "bridge", Map.of("test.run", run),
                Map.of(), false, false, false, List.of(new IpamPool(subnet, Optional.empty(), Optional.empty()))))
                .name();
        networkIds.add(runtime.inspectNetwork(front).id());
        String fixed = subnet.replace(".0/24", ".77");
        assertEquals(subnet, runtime.inspectNetwork(front).ipam().get(0).subnet());
        String back = network("back");
        start(container("web", SERVE).networks(List.of(new NetworkAttachment(front, List.of("www"), Optional.of(fixed),
                Optional.empty(), Optional.empty()))));
        ContainerId late = start(container("late", "sleep 3600").networks(List.of(NetworkAttachment.of(back))));

        assertNotEquals(0, sh(late, "timeout 3 busybox wget -q -O - http://www:8080/").exitCode());
        runtime.connect(late, NetworkAttachment.of(front));
        assertTrue(runtime.inspect(late).networks().contains(front));
        assertEquals(fixed, sh(late, "busybox nslookup www " + gateway(front)).stdout()
                .replaceAll("(?s).*Address:\\s*([0-9.]+).*", "$1").trim(), "the static address is the one resolved");
        assertTrue(fetch(late, "http://www:8080/").startsWith("hello-from-"), "connected: reachable");
        runtime.disconnect(late, front, false);
        assertNotEquals(0, sh(late, "timeout 3 busybox wget -q -O - http://" + fixed + ":8080/").exitCode(),
                "disconnected: unreachable");
    }

    @Test
    void anEngineRestartServesNamesAndPortsOfRunningContainersAgain() throws Exception {
        String net = network("default");
        ContainerId web = start(container("web", SERVE).networks(List.of(NetworkAttachment.of(net, "www")))
                .ports(List.of(new PortBinding("127.0.0.1", 0, 8080, "tcp"))));
        ContainerId client = start(container("client", "sleep 3600").networks(List.of(NetworkAttachment.of(net))));
        int port = publishedPort(web, 8080);

        runtime = fixture.reopen();

        assertEquals(port, publishedPort(web, 8080), "the same host port");
        assertTrue(httpGet("127.0.0.1", port).contains("hello-from-"));
        assertTrue(fetch(client, "http://www:8080/").startsWith("hello-from-"));
        runtime.stop(web, Duration.ofSeconds(1));
        assertEquals(List.of(), runtime.inspect(web).ports(), "a stopped container publishes nothing");
        assertThrows(ConnectException.class, () -> httpGet("127.0.0.1", port));
        runtime.start(web);
        assertTrue(fetch(client, "http://www:8080/").startsWith("hello-from-"), "restarted: its name resolves again");
    }

    @Test
    void containerModeSharesAnotherContainersNamespaceAndNoneHasOnlyLoopback() throws Exception {
        String net = network("default");
        ContainerId web = start(container("web", SERVE).networks(List.of(NetworkAttachment.of(net, "www"))));
        ContainerId sidecar = start(container("sidecar", "sleep 3600")
                .networkMode("container:" + runtime.inspect(web).name()));
        ContainerId isolated = start(container("isolated", "sleep 3600").networkMode("none"));

        assertTrue(fetch(sidecar, "http://127.0.0.1:8080/").startsWith("hello-from-"), "web's loopback is shared");
        assertTrue(sh(sidecar, "cat /etc/hosts").stdout().contains(ownAddress(web)), "and so are its /etc files");
        assertEquals("lo", sh(isolated, "ls /sys/class/net").stdout().trim(), "none: loopback only");
        runtime.stop(web, Duration.ofSeconds(1));
        assertThrows(dev.berth.runtime.RuntimeOperationException.class, () -> runtime.start(
                runtime.create(container("orphan", "true").networkMode("container:" + runtime.inspect(web).name())
                        .build())), "joining a stopped container's namespace is refused");
    }

    // ---------------------------------------------------------------- helpers

    private String name(String suffix) {
        return "berth-net-" + run + "-" + suffix;
    }

    private String network(String suffix) {
        NetworkSummary n = runtime.createNetwork(NetworkSpec.bridge(name(suffix), Map.of("test.run", run)));
        networkIds.add(n.id());
        return n.name();
    }

    private String networkId(String name) {
        return runtime.inspectNetwork(name).id();
    }

    private String gateway(String network) {
        return runtime.inspectNetwork(network).ipam().get(0).gateway().orElseThrow();
    }

    private ContainerSpec.Builder container(String suffix, String script) {
        return ContainerSpec.builder(name(suffix), IMAGE).command(List.of("sh", "-c", script))
                .labels(Map.of("test.run", run));
    }

    private ContainerId start(ContainerSpec.Builder spec) throws InterruptedException {
        ContainerId id = runtime.create(spec.build());
        runtime.start(id);
        return ContainerId.of(runtime.inspect(id).id().value());
    }

    private ExecResult sh(ContainerId id, String script) {
        return runtime.exec(id, ExecSpec.of("sh", "-c", script));
    }

    /** GETs {@code url} from inside the container, retrying while the server starts. */
    private String fetch(ContainerId id, String url) throws InterruptedException {
        ExecResult last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            last = sh(id, "timeout 5 busybox wget -q -O - " + url);
            if (last.exitCode() == 0) {
                return last.stdout();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET " + url + " failed: " + last.stderr());
    }

    private String ownAddress(ContainerId id) {
        String hosts = sh(id, "cat /etc/hosts").stdout().trim();
        String last = hosts.substring(hosts.lastIndexOf('\n') + 1);
        return last.split("\\s+")[0];
    }

    private int publishedPort(ContainerId id, int containerPort) {
        return runtime.inspect(id).ports().stream().filter(p -> p.containerPort() == containerPort)
                .mapToInt(PortBinding::hostPort).findFirst().orElse(0);
    }

    private String firewallTagsOfPorts() throws IOException {
        for (Path file : Files.newDirectoryStream(fixture.temp().resolve("lib/net/ports"))) {
            return Files.readString(file).replaceAll("(?s).*\"tag\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        }
        throw new AssertionError("no published-ports record");
    }

    private static String httpGet(String host, int port) throws IOException, InterruptedException {
        return dev.berth.embedded.testing.LoopbackClient.httpOk(host, port, 20, false);
    }

    private static String iptablesSave() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("iptables-save").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
