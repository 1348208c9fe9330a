package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Create/attach/publish/detach/remove cycles leave no bridge, veth, namespace, rule or socket behind. */
class NetworkLeakTest {
    private static final int CYCLES = 10;
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
    void cyclesLeaveNothingBehind() throws Exception {
        PortPublisher publisher = new PortPublisher(fx.firewall);
        // One warm-up cycle first: it creates Berth's (empty, persistent) chains and the JVM's lazily opened
        // pre-close socket used when a blocked accept() is closed.
        cycle(publisher, null);
        Snapshot before = Snapshot.take();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            cycle(publisher, before);
        }
        Snapshot after = Snapshot.take();
        List<String> leftVeths = existing(createdVeths);
        for (int wait = 0; wait < 50 && !leftVeths.isEmpty(); wait++) {
            Thread.sleep(100); // veths of deleted namespaces are destroyed asynchronously by the kernel
            leftVeths = existing(createdVeths);
        }
        assertEquals(before.bridges, after.bridges, "bridges");
        assertEquals(List.of(), leftVeths, "veths");
        assertEquals(before.namespaces, after.namespaces, "network namespaces");
        assertEquals(before.rules, after.rules, "iptables rules");
        assertEquals(before.sockets, after.sockets, "sockets of this process");
        assertEquals(List.of(), fx.manager.networks());
    }

    /** The host veths every cycle made (names derive from container and network ids). */
    private final List<String> createdVeths = new ArrayList<>();

    private static List<String> existing(List<String> links) {
        return links.stream().filter(l -> Files.exists(Path.of("/sys/class/net", l))).toList();
    }

    private void cycle(PortPublisher publisher, Snapshot before) throws Exception {
        try (DnsService dns = new DnsService(53, List::of)) {
            Network front = fx.network("leak_front", false);
            Network back = fx.network("leak_back", true);
            dns.start(front);
            dns.start(back);
            List<String> ids = new ArrayList<>();
            List<PortPublisher.Publication> publications = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                String id = NetFixture.newId();
                ids.add(id);
                ContainerNetns ns = ContainerNetns.named(id);
                createdVeths.add(NetworkManager.hostVethName(id, front.id()));
                createdVeths.add(NetworkManager.hostVethName(id, back.id()));
                Endpoint ep = fx.manager.attach(ns, front.id(), EndpointRequest.of(id, "eth0", true));
                dns.register(ep, List.of("svc", "svc-" + c));
                dns.register(fx.manager.attach(ns, back.id(), EndpointRequest.of(id, "eth1", false)), List.of("svc"));
                publications.add(publisher.publish(front.bridge(), ep.ipv4(), List.of(
                        PortBinding.tcp("127.0.0.1", 0, 80), PortBinding.udp("127.0.0.1", 0, 53),
                        new PortBinding("tcp", front.gateway(), 0, 0, 8080))));
            }
            if (before != null) {
                Snapshot during = Snapshot.take();
                assertEquals(before.bridges.size() + 2, during.bridges.size(), during.bridges.toString());
                assertEquals(before.namespaces.size() + 3, during.namespaces.size());
                assertEquals(before.rules.size() + 6 + 3 + 6, during.rules.size(), "network + internal + port rules");
            }
            for (int c = 0; c < 3; c++) {
                publications.get(c).close();
                dns.registry().forgetContainer(ids.get(c));
                if (c == 0) {
                    fx.manager.detach(ids.get(c), front.id());
                    fx.manager.detach(ids.get(c), back.id());
                    ContainerNetns.named(ids.get(c)).delete();
                } else {
                    fx.manager.removeContainer(ids.get(c), ContainerNetns.named(ids.get(c)));
                }
            }
            dns.stop(front.id());
            dns.stop(back.id());
            fx.manager.remove(front.id());
            fx.manager.remove(back.id());
        }
    }

    /**
     * This test's bridges, namespaces and iptables rules (those naming its bridges or networks; other checkouts
     * run network tests on this host at the same time) and this process's open sockets.
     */
    record Snapshot(List<String> bridges, List<String> namespaces, List<String> rules, long sockets) {
        static Snapshot take() throws IOException {
            List<String> bridges = new ArrayList<>();
            try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
                for (Path link : links.sorted().toList()) {
                    if (Files.exists(link.resolve("bridge"))
                            && link.getFileName().toString().startsWith("br-" + NetFixture.PREFIX)) {
                        bridges.add(link.getFileName().toString());
                    }
                }
            }
            List<String> namespaces = Arrays.stream(Exec.run(List.of("ip", "netns", "list"), null).stdout().split("\n"))
                    .filter(l -> l.startsWith(ContainerNetns.nameFor(NetFixture.PREFIX))).sorted().toList();
            List<String> rules = Arrays.stream(Exec.run(List.of("iptables-save"), null).stdout().split("\n"))
                    .filter(l -> l.startsWith("-") && l.contains(NetFixture.PREFIX))
                    .map(l -> l.replaceAll(" \\[\\d+:\\d+\\]$", "")).toList();
            long sockets;
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                sockets = fds.filter(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                    } catch (IOException e) {
                        return false;
                    }
                }).count();
            }
            return new Snapshot(bridges, namespaces, rules, sockets);
        }
    }
}
