package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.net.Firewall;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Address management through the SPI on real runc containers (root): a network with two IPv4 pools, and an IPv6
 * network (a ULA /64 chosen here) whose containers get their IPv6 address and gateway, resolve each other's AAAA
 * records and talk over IPv6 inside the bridge. Traffic stays inside the test's own namespaces; every network,
 * container and ip6tables rule is removed.
 */
class EmbeddedIpamNetworksTest {
    private static final ImageRef IMAGE = ImageRef.of("berth-ipam-test/busybox:test");
    private static final String SERVE = "mkdir -p /www && echo hello-from-$(hostname) > /www/index.html"
            + " && exec busybox httpd -f -p 8080 -h /www";

    private final Random random = new Random();
    @RegisterExtension
    final NetworkTestRuntime fixture = new NetworkTestRuntime("berth-ipam", IMAGE.value(), BusyboxImage::build);
    private EmbeddedRuntime runtime;
    private String run;

    @BeforeEach
    void setUp() throws Exception {
        runtime = fixture.runtime();
        run = fixture.run();
    }

    @Test
    void containersGetIpv6AddressesAndTheGatewayResolveAaaaAndTalkOverIpv6() throws Exception {
        String prefix = "fd00:beef:" + Integer.toHexString(1 + random.nextInt(0xfffe)) + ":";
        String subnet6 = prefix + ":/64";
        NetworkSummary created = runtime.createNetwork(new NetworkSpec(name("v6"), "bridge", Map.of("test.run", run),
                Map.of(), false, false, true, List.of(new IpamPool(subnet6, Optional.empty(), Optional.empty()))));
        String net = created.name();
        assertEquals(subnet6, created.ipam().get(1).subnet(), "the IPv6 pool beside a default IPv4 one");
        String gateway6 = created.ipam().get(1).gateway().orElseThrow();
        assertEquals(prefix + ":1", gateway6);
        String fixed = prefix + ":10";
        start(container("web", SERVE).networks(List.of(new NetworkAttachment(net, List.of("www"), Optional.empty(),
                Optional.of(fixed), Optional.empty()))));
        ContainerId client = start(container("client", "sleep 3600").networks(List.of(NetworkAttachment.of(net))));

        String own = sh(client, "busybox ip -6 addr show dev eth0 scope global").stdout();
        assertTrue(own.contains("inet6 " + prefix + ":2/64"), "the first free address of the pool: " + own);
        assertTrue(sh(client, "busybox ip -6 route").stdout().contains("default via " + gateway6 + " dev eth0"),
                "the IPv6 default route goes through the gateway");
        assertTrue(sh(client, "cat /etc/hosts").stdout().contains(prefix + ":2\t"), "its own IPv6 address in hosts");
        String aaaa = sh(client, "busybox nslookup -type=AAAA www").stdout();
        assertTrue(aaaa.contains(fixed), "the resolver answers AAAA with the fixed ipv6_address: " + aaaa);
        assertEquals(0, retry(client, "busybox ping -6 -c 1 -W 2 " + fixed).exitCode(), "ping over IPv6");
        assertEquals(0, retry(client, "busybox ping -6 -c 1 -W 2 " + gateway6).exitCode(), "the gateway answers");
        ExecResult page = retry(client, "timeout 5 busybox wget -q -O - http://[" + fixed + "]:8080/");
        assertTrue(page.stdout().startsWith("hello-from-"), "HTTP over IPv6: " + page.stderr());

        String tag = "berth-net:" + created.id().substring(0, 12);
        assertFalse(new Firewall(Firewall.Family.IPV6).rulesTagged(tag).isEmpty(), "ip6tables rules of the network");
        for (ContainerSummary c : runtime.list(LabelSelector.of("test.run", run))) {
            runtime.remove(c.id(), true, true);
        }
        runtime.removeNetwork(net);
        Firewall ip6tables = new Firewall(Firewall.Family.IPV6);
        assertEquals(List.of(), ip6tables.rulesTagged(tag), "removed with the network");
        assertFalse(Files.exists(Path.of("/sys/class/net", "br-" + created.id().substring(0, 12))));
        if (ip6tables.allBerthRules().isEmpty()) {
            Process save = new ProcessBuilder("ip6tables-save").redirectErrorStream(true).start();
            String rules = new String(save.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            save.waitFor();
            assertFalse(rules.contains(Firewall.FORWARD_CHAIN), "no Berth ip6tables chain without Berth rules");
        }
    }

    @Test
    void aNetworkWithTwoIpv4PoolsGivesAddressesFromTheFirstUnlessIpv4AddressPicksTheSecond() throws Exception {
        int third = 1 + random.nextInt(250);
        String first = "10.177." + third + ".0/24";
        String second = "10.178." + third + ".0/24";
        NetworkSummary created = runtime.createNetwork(new NetworkSpec(name("pools"), "bridge",
                Map.of("test.run", run), Map.of(), true, false, false, List.of(
                new IpamPool(first, Optional.empty(), Optional.empty()),
                new IpamPool(second, Optional.of("10.178." + third + ".254"), Optional.empty()))));
        assertEquals(List.of(first, second), created.ipam().stream().map(IpamPool::subnet).toList());
        String net = created.name();
        String picked = "10.178." + third + ".9";
        ContainerId a = start(container("a", "sleep 3600").networks(List.of(NetworkAttachment.of(net))));
        ContainerId b = start(container("b", SERVE).networks(List.of(new NetworkAttachment(net, List.of("second"),
                Optional.of(picked), Optional.empty(), Optional.empty()))));

        assertTrue(sh(a, "busybox ip -4 addr show dev eth0").stdout().contains("inet 10.177." + third + ".2/24"),
                "from the first pool");
        assertTrue(sh(b, "busybox ip -4 addr show dev eth0").stdout().contains("inet " + picked + "/24"),
                "ipv4_address from the second pool");
        assertNotEquals(0, sh(a, "busybox ip route | grep -q default").exitCode(), "an internal network: no way out");
        ExecResult page = retry(a, "timeout 5 busybox wget -q -O - http://second:8080/");
        assertTrue(page.stdout().startsWith("hello-from-"), "across the pools on the same bridge: " + page.stderr());
    }

    // ---------------------------------------------------------------- helpers

    private String name(String suffix) {
        return "berth-ipam-" + run + "-" + suffix;
    }

    private ContainerSpec.Builder container(String suffix, String script) {
        return ContainerSpec.builder(name(suffix), IMAGE).command(List.of("sh", "-c", script))
                .labels(Map.of("test.run", run));
    }

    private ContainerId start(ContainerSpec.Builder spec) {
        ContainerId id = runtime.create(spec.build());
        runtime.start(id);
        return id;
    }

    private ExecResult sh(ContainerId id, String script) {
        return runtime.exec(id, ExecSpec.of("sh", "-c", script));
    }

    /** Runs {@code script} until it succeeds (a server that is still starting), at most 20 times. */
    private ExecResult retry(ContainerId id, String script) throws InterruptedException {
        ExecResult last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            last = sh(id, script);
            if (last.exitCode() == 0) {
                return last;
            }
            Thread.sleep(150);
        }
        return last;
    }
}
