package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real bridges, veths and namespaces (root only). Traffic stays between namespaces this test creates. */
class BridgeNetworkTest {
    private NetFixture fx;

    @BeforeEach
    void setUp() {
        Assumptions.assumeTrue(NetFixture.canRun(), "needs root, iproute2, iptables and busybox-static");
        fx = new NetFixture();
    }

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void twoContainersOnOneBridgePingAndTalkTcp() throws Exception {
        Network net = fx.network("proj_default", false);
        String a = NetFixture.newId();
        String b = NetFixture.newId();
        ContainerNetns nsA = ContainerNetns.create(a);
        ContainerNetns nsB = ContainerNetns.named(b);
        Endpoint epA = fx.manager.attach(nsA, net.id(), EndpointRequest.of(a, "eth0", true));
        Endpoint epB = fx.manager.attach(nsB, net.id(), EndpointRequest.of(b, "eth0", true));
        assertTrue(nsB.exists(), "attach creates a missing named namespace");
        assertNotEquals(epA.ipv4(), epB.ipv4());
        assertTrue(net.parsedSubnet().contains(Ipv4.parse(epA.ipv4())));

        Exec.Result ping = NetFixture.runIn(nsB, null, "busybox", "ping", "-c", "1", "-W", "2", epA.ipv4());
        assertEquals(0, ping.exitCode(), ping.stdout() + ping.stderr());

        Process server = fx.spawnIn(nsA, "busybox", "sh", "-c", "echo hello-from-a | busybox nc -l -p 7000");
        String reply = "";
        for (int i = 0; i < 20 && !reply.contains("hello-from-a"); i++) {
            Thread.sleep(100);
            reply = NetFixture.runIn(nsB, "hi-from-b\n", "busybox", "nc", "-w", "2", epA.ipv4(), "7000").stdout();
        }
        assertEquals("hello-from-a\n", reply);
        assertEquals("hi-from-b\n", NetFixture.output(server));

        String routes = NetFixture.runIn(nsA, null, "ip", "route").stdout();
        assertTrue(routes.contains("default via " + net.gateway() + " dev eth0"), routes);
        String link = NetFixture.runIn(nsA, null, "ip", "-br", "link", "show", "eth0").stdout();
        assertTrue(link.contains(epA.mac()), link);
    }

    @Test
    void internalNetworkHasNoRouteOutAndForwardingIsDropped() throws Exception {
        Network internal = fx.network("proj_back", true);
        Network outside = fx.network("proj_front", false);
        String inner = NetFixture.newId();
        String target = NetFixture.newId();
        ContainerNetns nsInner = ContainerNetns.create(inner);
        ContainerNetns nsTarget = ContainerNetns.create(target);
        Endpoint epInner = fx.manager.attach(nsInner, internal.id(), EndpointRequest.of(inner, "eth0", true));
        Endpoint epTarget = fx.manager.attach(nsTarget, outside.id(), EndpointRequest.of(target, "eth0", true));
        assertFalse(epInner.defaultRoute());
        assertEquals("", epInner.gateway());
        String routes = NetFixture.runIn(nsInner, null, "ip", "route").stdout();
        assertFalse(routes.contains("default"), routes);

        Exec.Result noRoute = NetFixture.runIn(nsInner, null, "busybox", "ping", "-c", "1", "-W", "1", epTarget.ipv4());
        assertNotEquals(0, noRoute.exitCode(), "internal container reached " + epTarget.ipv4());

        // Even with a route added by hand, the FORWARD rules drop traffic leaving the internal bridge.
        NetFixture.runIn(nsInner, null, "ip", "route", "add", "default", "via", internal.gateway());
        Exec.Result dropped = NetFixture.runIn(nsInner, null, "busybox", "ping", "-c", "1", "-W", "1", epTarget.ipv4());
        assertNotEquals(0, dropped.exitCode(), "internal container reached " + epTarget.ipv4() + " through forwarding");
        // The gateway (where the DNS resolver lives) stays reachable.
        Exec.Result gateway = NetFixture.runIn(nsInner, null, "busybox", "ping", "-c", "1", "-W", "2", internal.gateway());
        assertEquals(0, gateway.exitCode(), gateway.stdout());

        List<String> rules = fx.firewall.rulesTagged(internal.firewallTag());
        assertTrue(rules.stream().noneMatch(r -> r.contains("MASQUERADE")), rules.toString());
        assertTrue(fx.firewall.rulesTagged(outside.firewallTag()).stream().anyMatch(r -> r.contains("MASQUERADE")
                && r.contains("-s " + outside.subnet())));
    }

    @Test
    void containersOnDifferentNetworksCannotReachEachOther() {
        Network front = fx.network("proj_front", false);
        Network back = fx.network("proj_back", false);
        Network secret = fx.network("proj_secret", true);
        String web = NetFixture.newId();
        String db = NetFixture.newId();
        String vault = NetFixture.newId();
        ContainerNetns nsWeb = ContainerNetns.named(web);
        Endpoint epWeb = fx.manager.attach(nsWeb, front.id(), EndpointRequest.of(web, "eth0", true));
        Endpoint epDb = fx.manager.attach(ContainerNetns.named(db), back.id(), EndpointRequest.of(db, "eth0", true));
        Endpoint epVault = fx.manager.attach(ContainerNetns.named(vault), secret.id(),
                EndpointRequest.of(vault, "eth0", true));
        // Each target is inside a namespace this test created; the web container has a default route.
        for (String target : List.of(epDb.ipv4(), epVault.ipv4())) {
            Exec.Result ping = NetFixture.runIn(nsWeb, null, "busybox", "ping", "-c", "1", "-W", "1", target);
            assertNotEquals(0, ping.exitCode(), "web reached " + target + " on another network");
        }
        Exec.Result same = NetFixture.runIn(ContainerNetns.named(db), null, "busybox", "ping", "-c", "1", "-W", "2",
                back.gateway());
        assertEquals(0, same.exitCode());
        assertNotEquals(epWeb.ipv4(), epDb.ipv4());
    }

    @Test
    void configuredIpamAndAddressesSurviveAnEngineRestart() throws Exception {
        String id = NetFixture.newId();
        Network net = fx.manager.create(NetworkSpec.of(id, "proj_fixed", true).withSubnet("10.213.7.0/24")
                .withIpRange("10.213.7.128/25").withGateway("10.213.7.254")
                .withAuxAddresses(java.util.Map.of("printer", "10.213.7.128")));
        assertEquals("10.213.7.254", net.gateway());
        String c1 = NetFixture.newId();
        String c2 = NetFixture.newId();
        Endpoint e1 = fx.manager.attach(ContainerNetns.named(c1), id, EndpointRequest.of(c1, "eth0", true));
        Endpoint e2 = fx.manager.attach(ContainerNetns.named(c2), id,
                EndpointRequest.of(c2, "eth0", true).withIpv4("10.213.7.9").withMac("02:00:00:00:00:09"));
        assertEquals("10.213.7.129", e1.ipv4(), "first free address of ip_range after the aux address");
        assertEquals("10.213.7.9", e2.ipv4());
        NetworkException taken = assertThrows(NetworkException.class, () -> fx.manager.attach(
                ContainerNetns.named(NetFixture.newId()), id, EndpointRequest.of("x", "eth0", true)
                        .withIpv4("10.213.7.9")));
        assertTrue(taken.getMessage().contains("already in use"), taken.getMessage());

        NetworkManager restarted = new NetworkManager(fx.stateDir, fx.firewall, SubnetPool.defaults());
        assertEquals(List.of(e1, e2), restarted.endpoints(id));
        assertEquals(e1, restarted.attach(ContainerNetns.named(c1), id, EndpointRequest.of(c1, "eth0", true)));
        assertTrue(NetFixture.runIn(ContainerNetns.named(c2), null, "ip", "-br", "link").stdout()
                .contains("02:00:00:00:00:09"));
    }

    @Test
    void severalNetworksAreOrderedByPriorityAndTheGatewayFollowsGwPriority() {
        Network a = fx.network("proj_a", false);
        Network b = fx.network("proj_b", false);
        Network c = fx.network("proj_c", true);
        String id = NetFixture.newId();
        ContainerNetns ns = ContainerNetns.named(id);
        List<Endpoint> endpoints = fx.manager.attachAll(id, ns, List.of(Attachment.of(a.id()),
                Attachment.of(b.id()).withGwPriority(5), Attachment.of(c.id()).withPriority(10).withGwPriority(99)));
        assertEquals(List.of(c.id(), a.id(), b.id()), endpoints.stream().map(Endpoint::networkId).toList());
        assertEquals(List.of("eth0", "eth1", "eth2"), endpoints.stream().map(Endpoint::ifname).toList());
        assertEquals(List.of(false, false, true), endpoints.stream().map(Endpoint::defaultRoute).toList());
        String routes = NetFixture.runIn(ns, null, "ip", "route").stdout();
        assertTrue(routes.contains("default via " + b.gateway() + " dev eth2"), routes);

        fx.manager.detach(id, a.id());
        assertFalse(NetFixture.runIn(ns, null, "ip", "link").stdout().contains("eth1"));
        assertEquals(2, fx.manager.endpointsOf(id).size());
        fx.manager.removeContainer(id, ns);
        assertFalse(ns.exists());
        assertEquals(List.of(), fx.manager.endpointsOf(id));
    }

    @Test
    void invalidIpamConfigReportsEveryProblem() {
        NetworkException e = assertThrows(NetworkException.class, () -> fx.manager.create(
                NetworkSpec.of(NetFixture.newId(), "bad", false).withSubnet("10.9.0.0/24").withIpRange("10.8.0.0/24")
                        .withGateway("10.9.1.1")));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(fx.manager.networks().isEmpty());
    }
}
