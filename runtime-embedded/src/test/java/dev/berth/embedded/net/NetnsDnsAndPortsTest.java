package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DNS asked from inside namespaces, and ports published on 127.0.0.1 reaching servers in namespaces (root). */
class NetnsDnsAndPortsTest {
    private static final Pattern ADDRESS = Pattern.compile("Address: ([0-9.]+)\\s*$", Pattern.MULTILINE);
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
    void dnsAnswersNamesPerNetworkWithRoundRobin() throws Exception {
        DnsService dns = fx.closeLater(new DnsService(53, List::of));
        Network front = fx.network("proj_front", false);
        Network back = fx.network("proj_back", true);
        dns.start(front);
        dns.start(back);
        ContainerNetns web = container(dns, "proj-web-1", List.of(front), List.of("web"));
        ContainerNetns api1 = container(dns, "proj-api-1", List.of(front, back), List.of("api", "backend"));
        ContainerNetns api2 = container(dns, "proj-api-2", List.of(front, back), List.of("api", "backend"));
        ContainerNetns db = container(dns, "proj-db-1", List.of(back), List.of("db"));
        String api1Ip = address(api1, front);
        String api2Ip = address(api2, front);

        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<String> all = resolve(web, "api", front.gateway());
            assertEquals(2, all.size(), all.toString());
            assertTrue(all.containsAll(List.of(api1Ip, api2Ip)), all.toString());
            firsts.add(all.get(0));
        }
        assertTrue(firsts.contains(api1Ip) && firsts.contains(api2Ip), "round robin: " + firsts);
        assertEquals(List.of(address(web, front)), resolve(api1, "proj-web-1", front.gateway()));
        assertEquals(List.of(), resolve(web, "db", front.gateway()), "web is not on the back network");
        assertEquals(List.of(address(db, back)), resolve(api1, "db", front.gateway()), "api is on both networks");
        assertEquals(List.of(address(db, back)), resolve(db, "db", back.gateway()));
        assertEquals(List.of(), resolve(db, "web", back.gateway()));
    }

    @Test
    void tcpAndUdpPortsPublishedOnLoopbackReachServersInANamespace() throws Exception {
        Network net = fx.network("proj_default", false);
        String id = NetFixture.newId();
        ContainerNetns ns = ContainerNetns.create(id);
        Endpoint ep = fx.manager.attach(ns, net.id(), EndpointRequest.of(id, "eth0", true));
        fx.spawnIn(ns, "busybox", "nc", "-ll", "-p", "8080", "-e", "busybox", "sed", "s/^/tcp-echo:/");
        fx.spawnIn(ns, "perl", "-MIO::Socket::INET", "-e", "$s=IO::Socket::INET->new(LocalAddr=>'0.0.0.0',"
                + "LocalPort=>9090,Proto=>'udp') or die $!; while(1){ $s->recv($m,2048); $s->send('udp-echo:'.$m); }");

        PortPublisher publisher = new PortPublisher(fx.firewall);
        PortPublisher.Publication publication = fx.closeLater(publisher.publish(net.bridge(), ep.ipv4(), List.of(
                PortBinding.tcp("127.0.0.1", 0, 8080), PortBinding.udp("127.0.0.1", 0, 9090))));
        PublishedPort tcp = publication.ports().get(0);
        PublishedPort udp = publication.ports().get(1);
        assertTrue(tcp.hostPort() > 0 && udp.hostPort() > 0, publication.ports().toString());
        assertEquals(List.of(), fx.firewall.rulesTagged(publication.tag()), "loopback needs no DNAT");

        assertEquals("tcp-echo:hello", tcpRoundTrip(tcp.hostPort(), "hello"));
        assertEquals("tcp-echo:again", tcpRoundTrip(tcp.hostPort(), "again"));
        assertEquals("udp-echo:ping", udpRoundTrip(udp.hostPort(), "ping"));

        publication.close();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", tcp.hostPort()));
        }
    }

    @Test
    void aTakenPortIsAnErrorBeforeAnythingIsPublished() throws Exception {
        PortPublisher publisher = new PortPublisher(fx.firewall);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            NetworkException e = assertThrows(NetworkException.class, () -> publisher.publish("br-x", "172.30.0.2",
                    List.of(PortBinding.tcp("127.0.0.1", 0, 80), PortBinding.tcp("127.0.0.1", port, 81))));
            assertEquals(1, e.problems().size());
            assertTrue(e.getMessage().contains("port " + port + " on 127.0.0.1/tcp is already in use"), e.getMessage());
        }
        assertEquals(List.of(), fx.firewall.allBerthRules().stream().filter(r -> r.contains("berth-port")).toList());
    }

    @Test
    void nonLoopbackPublicationInstallsDnatAndForwardRulesAndRemovesThem() {
        Network net = fx.network("proj_default", false);
        PortPublisher publisher = new PortPublisher(fx.firewall);
        // The gateway address is one this test created; nothing connects to it.
        PortPublisher.Publication publication = fx.closeLater(publisher.publish(net.bridge(), "172.30.250.2",
                List.of(new PortBinding("tcp", net.gateway(), 0, 0, 80))));
        int port = publication.ports().get(0).hostPort();
        List<String> rules = fx.firewall.rulesTagged(publication.tag());
        assertEquals(List.of(
                "filter -A BERTH-FORWARD -d 172.30.250.2/32 ! -i " + net.bridge() + " -o " + net.bridge()
                        + " -p tcp -m tcp --dport 80 -m comment --comment \"" + publication.tag() + "\" -j ACCEPT",
                "nat -A BERTH-PORTS -d " + net.gateway() + "/32 ! -i " + net.bridge() + " -p tcp -m tcp --dport " + port
                        + " -m comment --comment \"" + publication.tag() + "\" -j DNAT --to-destination 172.30.250.2:80"),
                rules.stream().sorted().toList());
        publication.close();
        assertEquals(List.of(), fx.firewall.rulesTagged(publication.tag()));
    }

    @Test
    void dnatCarriesTrafficFromAnotherBridgeToThePublishedContainer() throws Exception {
        Network front = fx.network("proj_front", false);
        Network back = fx.network("proj_back", false);
        String serverId = NetFixture.newId();
        String clientId = NetFixture.newId();
        ContainerNetns serverNs = ContainerNetns.create(serverId);
        ContainerNetns clientNs = ContainerNetns.create(clientId);
        Endpoint server = fx.manager.attach(serverNs, back.id(), EndpointRequest.of(serverId, "eth0", true));
        fx.manager.attach(clientNs, front.id(), EndpointRequest.of(clientId, "eth0", true));
        fx.spawnIn(serverNs, "busybox", "nc", "-ll", "-p", "8080", "-e", "busybox", "sed", "s/^/dnat:/");
        // Published on the front gateway (an address this test created): the client's packets are DNAT-ed in
        // PREROUTING and forwarded from br-front to br-back, not served by the proxy.
        PortPublisher.Publication publication = fx.closeLater(new PortPublisher(fx.firewall).publish(back.bridge(),
                server.ipv4(), List.of(new PortBinding("tcp", front.gateway(), 0, 0, 8080))));
        String port = Integer.toString(publication.ports().get(0).hostPort());
        String reply = "";
        for (int i = 0; i < 20 && !reply.startsWith("dnat:"); i++) {
            Thread.sleep(100);
            reply = NetFixture.runIn(clientNs, "via-dnat\n", "busybox", "nc", "-w", "2", front.gateway(), port).stdout();
        }
        assertEquals("dnat:via-dnat\n", reply);
    }

    @Test
    void portRangeTakesTheFirstFreePort() throws Exception {
        PortPublisher publisher = new PortPublisher(fx.firewall);
        try (ServerSocket blocker = new ServerSocket()) {
            blocker.bind(new InetSocketAddress("127.0.0.1", 0));
            int first = blocker.getLocalPort();
            Assumptions.assumeTrue(first < 65535);
            try (PortPublisher.Publication p = publisher.publish("br-x", "127.0.0.9",
                    List.of(new PortBinding("tcp", "127.0.0.1", first, first + 1, 80)))) {
                assertEquals(first + 1, p.ports().get(0).hostPort());
            }
        }
    }

    private ContainerNetns container(DnsService dns, String name, List<Network> networks, List<String> aliases) {
        String id = NetFixture.newId();
        ContainerNetns ns = ContainerNetns.create(id);
        for (int i = 0; i < networks.size(); i++) {
            Endpoint ep = fx.manager.attach(ns, networks.get(i).id(), EndpointRequest.of(id, "eth" + i, i == 0));
            List<String> names = new ArrayList<>(List.of(name));
            names.addAll(aliases);
            dns.register(ep, names);
        }
        return ns;
    }

    private String address(ContainerNetns ns, Network network) {
        return fx.manager.endpoints(network.id()).stream()
                .filter(e -> ContainerNetns.nameFor(e.containerId()).equals(ns.name())).findFirst().orElseThrow().ipv4();
    }

    /**
     * The A records the server answers for {@code name}; none for a name it does not know. An attempt that got no
     * answer at all (busybox's nslookup gives up after a few seconds on a busy machine) is repeated, so that a lost
     * reply is never read as "no such name".
     */
    private static List<String> resolve(ContainerNetns ns, String name, String server) {
        String out = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            out = NetFixture.runIn(ns, null, "busybox", "nslookup", "-type=a", name, server).stdout();
            if (out.contains("Name:") || out.contains("an't find")) {
                break;
            }
        }
        int answers = out.indexOf("Name:");
        List<String> found = new ArrayList<>();
        if (answers >= 0) {
            Matcher m = ADDRESS.matcher(out.substring(answers));
            while (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    /**
     * A line's round trip; while the server in the namespace is not yet listening, the proxy closes or resets the
     * client's connection.
     */
    private static String tcpRoundTrip(int port, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                String answer = tcpRoundTripOnce(port, line);
                if (answer != null || System.nanoTime() > deadline) {
                    return answer;
                }
            } catch (SocketException notYetListening) {
                if (System.nanoTime() > deadline) {
                    throw notYetListening;
                }
            }
            Thread.sleep(50);
        }
    }

    private static String tcpRoundTripOnce(int port, String line) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static String udpRoundTrip(int port, String message) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(500);
            byte[] data = message.getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < 10; attempt++) {
                socket.send(new DatagramPacket(data, data.length, new InetSocketAddress("127.0.0.1", port)));
                DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                try {
                    socket.receive(reply);
                    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
                } catch (java.net.SocketTimeoutException e) {
                    // the server in the namespace may still be starting
                }
            }
            return "";
        }
    }
}
