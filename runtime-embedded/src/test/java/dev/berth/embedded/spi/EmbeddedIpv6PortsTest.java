package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.net.Firewall;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.IpamPool;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.PortBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ports published on IPv6 host addresses through the SPI on real runc containers (root): on {@code ::1} the userland
 * proxy forwards to the container's IPv6 address when its network has IPv6, else to its IPv4 address; another IPv6
 * address gets ip6tables DNAT. Traffic only to ::1, to the gateway of the test's own network and into the test's
 * namespaces; networks and containers are the test's own.
 */
class EmbeddedIpv6PortsTest {
    private static final ImageRef IMAGE = ImageRef.of("berth-v6ports-test/busybox:test");

    @RegisterExtension
    final NetworkTestRuntime fixture = new NetworkTestRuntime("berth-v6ports-e2e", IMAGE.value(),
            BusyboxImage::build);
    private EmbeddedRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = fixture.runtime();
    }

    @Test
    void theIpv6LoopbackServesAContainerOnAnIpv4OnlyNetwork() throws Exception {
        String net = runtime.createNetwork(NetworkSpec.bridge(name("v4"), fixture.labels())).name();
        ContainerId web = start(container("web", "-p 8080").networks(List.of(NetworkAttachment.of(net)))
                .ports(List.of(new PortBinding("::1", 0, 8080, "tcp"))));

        int port = publishedPort(web);
        assertTrue(httpGet("::1", port).contains("hello-from-"), "[::1]:" + port + " reaches the container over IPv4");
    }

    @Test
    void theIpv6LoopbackForwardsToTheContainersIpv6AddressWhenItsNetworkHasIpv6() throws Exception {
        String prefix = "fd00:b6:" + Integer.toHexString(1 + ThreadLocalRandom.current().nextInt(0xfffe)) + ":";
        String net = runtime.createNetwork(new NetworkSpec(name("v6"), "bridge", fixture.labels(), Map.of(), false,
                false, true, List.of(new IpamPool(prefix + ":/64", Optional.empty(), Optional.empty())))).name();
        String fixed = prefix + ":10";
        // the server listens on its IPv6 address only: only a proxy that forwards over IPv6 reaches it
        ContainerId web = start(container("web", "-p [" + fixed + "]:8080").networks(List.of(
                new NetworkAttachment(net, List.of(), Optional.empty(), Optional.of(fixed), Optional.empty())))
                .ports(List.of(new PortBinding("::1", 0, 8080, "tcp"))));

        int port = publishedPort(web);
        assertTrue(httpGet("::1", port).contains("hello-from-"), "[::1]:" + port + " reaches [" + fixed + "]:8080");
        assertEquals("::1", runtime.inspect(web).ports().get(0).hostIp());
    }

    @Test
    void aNonLoopbackIpv6HostAddressGetsIp6tablesDnatThatGoesWithTheContainer() throws Exception {
        String prefix = "fd00:b7:" + Integer.toHexString(1 + ThreadLocalRandom.current().nextInt(0xfffe)) + ":";
        NetworkSummary created = runtime.createNetwork(new NetworkSpec(name("dnat"), "bridge", fixture.labels(),
                Map.of(), false, false, true, List.of(new IpamPool(prefix + ":/64", Optional.empty(),
                Optional.empty()))));
        // the network's own gateway: an address this test created, so the traffic stays on the test's bridge
        String gateway = created.ipam().get(1).gateway().orElseThrow();
        ContainerId web = start(container("web", "-p [::]:8080").networks(List.of(NetworkAttachment.of(created.name())))
                .ports(List.of(new PortBinding(gateway, 0, 8080, "tcp"))));
        int port = publishedPort(web);
        String tag = portsTag();
        Firewall ip6tables = new Firewall(Firewall.Family.IPV6);

        assertTrue(ip6tables.rulesTagged(tag).stream().anyMatch(r -> r.contains("DNAT")), "ip6tables DNAT");
        assertEquals(List.of(), new Firewall().rulesTagged(tag), "and nothing in iptables");
        assertTrue(httpGet(gateway, port).contains("hello-from-"), "[" + gateway + "]:" + port + " serves");
        runtime.remove(web, true, false);
        assertEquals(List.of(), ip6tables.rulesTagged(tag), "the rules go with the container");
    }

    // ---------------------------------------------------------------- helpers

    private String portsTag() throws IOException {
        try (var files = Files.newDirectoryStream(fixture.temp().resolve("lib/net/ports"))) {
            for (Path file : files) {
                return Files.readString(file).replaceAll("(?s).*\"tag\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            }
        }
        throw new AssertionError("no published-ports record");
    }

    private String name(String suffix) {
        return "berth-v6ports-" + fixture.run() + "-" + suffix;
    }

    /** A busybox httpd serving a page on {@code listen} (httpd's {@code -p} argument). */
    private ContainerSpec.Builder container(String suffix, String listen) {
        return ContainerSpec.builder(name(suffix), IMAGE).command(List.of("sh", "-c",
                        "mkdir -p /www && echo hello-from-$(hostname) > /www/index.html && exec busybox httpd -f "
                                + listen + " -h /www"))
                .labels(Map.of(NetworkTestRuntime.LABEL, fixture.run()));
    }

    private ContainerId start(ContainerSpec.Builder spec) {
        ContainerId id = runtime.create(spec.build());
        runtime.start(id);
        return ContainerId.of(runtime.inspect(id).id().value());
    }

    private int publishedPort(ContainerId id) {
        int port = runtime.inspect(id).ports().stream().mapToInt(PortBinding::hostPort).findFirst().orElse(0);
        assertTrue(port > 0, "an ephemeral host port is reported");
        return port;
    }

    private static String httpGet(String host, int port) throws IOException, InterruptedException {
        return dev.berth.embedded.testing.LoopbackClient.httpOk(host, port, 50, true);
    }
}
