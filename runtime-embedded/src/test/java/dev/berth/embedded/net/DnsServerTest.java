package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The resolver on loopback addresses only; the "upstream" is a fake on 127.0.0.x. */
class DnsServerTest {
    private static final String NET_A = "aaaaaaaaaaaa01";
    private static final String NET_B = "bbbbbbbbbbbb02";
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void registryScopesNamesToTheAskersNetworksAndRotatesReplicas() {
        DnsRegistry registry = new DnsRegistry();
        registry.register(NET_A, "web1", "10.1.0.2", List.of("web", "proj-web-1"));
        registry.register(NET_A, "web2", "10.1.0.3", List.of("web", "proj-web-2"));
        registry.register(NET_A, "api", "10.1.0.4", List.of("api", "backend"));
        registry.register(NET_B, "api", "10.2.0.4", List.of("api", "backend"));
        registry.register(NET_B, "db", "10.2.0.5", List.of("db"));

        assertEquals(List.of("10.1.0.2", "10.1.0.3"), a(registry, NET_A, "10.1.0.2", "web"));
        assertEquals(List.of("10.1.0.3", "10.1.0.2"), a(registry, NET_A, "10.1.0.2", "WEB."));
        assertEquals(List.of("10.1.0.2", "10.1.0.3"), a(registry, NET_A, "10.1.0.4", "web"));
        assertEquals(Optional.empty(), registry.lookup(NET_A, "10.1.0.2", "db", DnsMessage.TYPE_A),
                "web is not on db's network");
        assertEquals(List.of("10.2.0.5"), a(registry, NET_A, "10.1.0.4", "db"), "api is on both networks");
        assertEquals(List.of("10.1.0.4", "10.2.0.4"), a(registry, NET_A, "10.1.0.4", "backend"));
        assertEquals(Optional.empty(), registry.lookup(NET_B, "10.2.0.5", "web", DnsMessage.TYPE_A));

        registry.unregister(NET_A, "web1");
        assertEquals(List.of("10.1.0.3"), a(registry, NET_A, "10.1.0.4", "web"));
        registry.forgetContainer("api");
        assertEquals(Optional.empty(), registry.lookup(NET_B, "10.2.0.5", "api", DnsMessage.TYPE_A));
    }

    @Test
    void aLinkAliasResolvesForTheLinkingContainerOnlyAndWinsOverTheNetworksNames() {
        DnsRegistry registry = new DnsRegistry();
        registry.register(NET_A, "db1", "10.1.0.2", "fd00:beef::2", List.of("proj-db-1", "db"));
        registry.register(NET_A, "other", "10.1.0.5", List.of("proj-other-1", "database"));
        registry.register(NET_A, "app", "10.1.0.3", List.of("proj-app-1", "app"));
        registry.setLinks(NET_A, "app", java.util.Map.of("Database", "proj-db-1"));
        registry.register(NET_A, "peer", "10.1.0.4", List.of("proj-peer-1", "peer"));

        assertEquals(List.of("10.1.0.2"), a(registry, NET_A, "10.1.0.3", "database"),
                "the linking container gets the linked container, not the network's 'database'");
        assertEquals(List.of("fd00:beef::2"), registry.lookup(NET_A, "10.1.0.3", "database.",
                DnsMessage.TYPE_AAAA).orElseThrow());
        assertEquals(List.of("10.1.0.5"), a(registry, NET_A, "10.1.0.4", "database"),
                "another container on the same network sees the network's names only");
        assertEquals(List.of("10.1.0.2"), a(registry, NET_A, "10.1.0.3", "db"), "the service name still resolves");

        registry.unregister(NET_A, "db1");
        assertEquals(Optional.empty(), registry.lookup(NET_A, "10.1.0.3", "database", DnsMessage.TYPE_A),
                "a link to a container that is gone answers nothing rather than another container's name");
        registry.register(NET_A, "db2", "10.1.0.6", List.of("proj-db-1", "db"));
        assertEquals(List.of("10.1.0.6"), a(registry, NET_A, "10.1.0.3", "database"),
                "the link follows the name to a re-created container");
        registry.unregister(NET_A, "app");
        registry.register(NET_A, "app", "10.1.0.3", List.of("proj-app-1", "app"));
        assertEquals(List.of("10.1.0.5"), a(registry, NET_A, "10.1.0.3", "database"),
                "leaving the network drops the links");
    }

    @Test
    void eachRecordTypeRotatesOnItsOwnSoThatAClientAskingForBothStillSeesTheNextReplica() {
        DnsRegistry registry = new DnsRegistry();
        registry.register(NET_A, "r1", "10.1.0.2", "fd00:beef::2", List.of("svc"));
        registry.register(NET_A, "r2", "10.1.0.3", "fd00:beef::3", List.of("svc"));
        registry.register(NET_A, "v4only", "10.1.0.4", List.of("old"));
        List<String> firsts = new ArrayList<>();
        for (int lookup = 0; lookup < 4; lookup++) {
            // what getaddrinfo and nslookup send for one name: an A and an AAAA query
            firsts.add(a(registry, NET_A, "10.1.0.9", "svc").get(0));
            assertEquals(2, registry.lookup(NET_A, "10.1.0.9", "svc", DnsMessage.TYPE_AAAA).orElseThrow().size());
        }
        assertEquals(List.of("10.1.0.2", "10.1.0.3", "10.1.0.2", "10.1.0.3"), firsts);
        assertEquals(Optional.of(List.of()), registry.lookup(NET_A, "10.1.0.9", "old", DnsMessage.TYPE_AAAA),
                "a known name without an IPv6 address: no records, not NXDOMAIN");
        assertEquals(Optional.of(List.of()), registry.lookup(NET_A, "10.1.0.9", "svc", 15), "MX of a known name");
        assertEquals("r1", registry.containerAt(NET_A, "fd00:beef::2"), "an asker is found by its IPv6 source too");
    }

    @Test
    void answersLocalNamesAndNxdomainForUnknownOnes() throws Exception {
        DnsRegistry registry = new DnsRegistry();
        registry.register(NET_A, "web1", "10.1.0.2", List.of("web"));
        registry.register(NET_A, "web2", "10.1.0.3", List.of("web"));
        DnsServer server = start(NET_A, false, "127.0.0.41", registry, List.of());

        DnsMessage.Response first = ask(server, "web", DnsMessage.TYPE_A);
        DnsMessage.Response second = ask(server, "web", DnsMessage.TYPE_A);
        assertEquals(DnsMessage.RCODE_OK, first.rcode());
        assertEquals(List.of("10.1.0.2", "10.1.0.3"), first.addresses());
        assertEquals(List.of("10.1.0.3", "10.1.0.2"), second.addresses(), "round robin");
        DnsMessage.Response aaaa = ask(server, "web", DnsMessage.TYPE_AAAA);
        assertEquals(DnsMessage.RCODE_OK, aaaa.rcode());
        assertEquals(List.of(), aaaa.addresses());
        assertEquals(List.of("10.1.0.2", "10.1.0.3"), ask(server, "web", DnsMessage.TYPE_A).addresses(),
                "an AAAA query does not move the A rotation");
        assertEquals(DnsMessage.RCODE_NXDOMAIN, ask(server, "nope", DnsMessage.TYPE_A).rcode());
    }

    @Test
    void answersAaaaRecordsOfContainersWithIpv6Addresses() throws Exception {
        DnsRegistry registry = new DnsRegistry();
        registry.register(NET_A, "web1", "10.1.0.2", "fd00:beef::2", List.of("web"));
        registry.register(NET_A, "web2", "10.1.0.3", "fd00:beef::3", List.of("web"));
        DnsServer server = start(NET_A, false, "127.0.0.51", registry, List.of());
        assertEquals(List.of("fd00:beef::2", "fd00:beef::3"), ask(server, "web", DnsMessage.TYPE_AAAA).addresses());
        assertEquals(List.of("fd00:beef::3", "fd00:beef::2"), ask(server, "web", DnsMessage.TYPE_AAAA).addresses());
        assertEquals(List.of("10.1.0.2", "10.1.0.3"), ask(server, "web", DnsMessage.TYPE_A).addresses());
    }

    @Test
    void manyReplicasAreCappedToA512ByteResponse() throws Exception {
        DnsRegistry registry = new DnsRegistry();
        for (int i = 0; i < 40; i++) {
            registry.register(NET_A, "c" + i, "10.1.0." + (i + 2), List.of("many"));
        }
        DnsServer server = start(NET_A, false, "127.0.0.50", registry, List.of());
        assertEquals(30, ask(server, "many", DnsMessage.TYPE_A).addresses().size());
    }

    private static List<String> a(DnsRegistry registry, String net, String source, String name) {
        return registry.lookup(net, source, name, DnsMessage.TYPE_A).orElseThrow();
    }

    @Test
    void forwardsOtherNamesToTheUpstreamAndInternalNetworksDoNot() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        InetSocketAddress upstream = fakeUpstream("127.0.0.42", "93.184.216.34", seen);
        DnsRegistry registry = new DnsRegistry();
        DnsServer server = start(NET_A, false, "127.0.0.43", registry, List.of(upstream));
        DnsMessage.Response forwarded = ask(server, "example.org", DnsMessage.TYPE_A);
        assertEquals(List.of("93.184.216.34"), forwarded.addresses());
        assertEquals("example.org", seen.get());

        DnsServer internal = start(NET_B, true, "127.0.0.44", registry, List.of(upstream));
        assertEquals(DnsMessage.RCODE_NXDOMAIN, ask(internal, "example.com", DnsMessage.TYPE_A).rcode());
        assertEquals("example.org", seen.get(), "an internal network never forwards");
    }

    @Test
    void aContainersOwnDnsServersReplaceTheHostResolvers() throws Exception {
        AtomicReference<String> hostSeen = new AtomicReference<>();
        AtomicReference<String> ownSeen = new AtomicReference<>();
        InetSocketAddress host = fakeUpstream("127.0.0.45", "1.1.1.1", hostSeen);
        InetSocketAddress own = fakeUpstream("127.0.0.46", "2.2.2.2", ownSeen);
        DnsRegistry registry = new DnsRegistry();
        registry.register(NET_A, "c1", "127.0.0.1", List.of("c1"));
        registry.setUpstreams("c1", List.of("127.0.0.46:" + own.getPort()));
        DnsServer server = start(NET_A, false, "127.0.0.47", registry, List.of(host));
        assertEquals(List.of("2.2.2.2"), ask(server, "x.test", DnsMessage.TYPE_A).addresses());
        assertEquals(null, hostSeen.get());
    }

    @Test
    void silentUpstreamGivesServfail() throws Exception {
        DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.48", 0));
        open.add(silent);
        DnsServer server = start(NET_A, false, "127.0.0.49", new DnsRegistry(),
                List.of((InetSocketAddress) silent.getLocalSocketAddress()));
        assertEquals(DnsMessage.RCODE_SERVFAIL, ask(server, "slow.test", DnsMessage.TYPE_A).rcode());
    }

    @Test
    void resolvConfAndHostsContent() {
        assertEquals("nameserver 172.30.0.1\nsearch example.com corp\noptions ndots:0 timeout:2\n",
                ResolvConf.render("172.30.0.1", List.of("example.com", "corp"), List.of("timeout:2")));
        assertEquals("nameserver 172.30.0.1\noptions ndots:3\n",
                ResolvConf.render("172.30.0.1", List.of(), List.of("ndots:3")));
        assertEquals(List.of(new InetSocketAddress("10.0.0.1", 53), new InetSocketAddress("10.0.0.2", 53)),
                ResolvConf.nameservers("# c\nnameserver 10.0.0.1\nsearch x\nnameserver 10.0.0.2\nnameserver ::1\n"));
        String hosts = HostsFile.render("web", "example.org", List.of("172.30.0.2"),
                List.of(new HostsFile.ExtraHost("somehost", "162.242.195.82"),
                        new HostsFile.ExtraHost("host.docker.internal", "host-gateway")), "172.30.0.1");
        assertTrue(hosts.startsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"), hosts);
        assertTrue(hosts.endsWith("162.242.195.82\tsomehost\n172.30.0.1\thost.docker.internal\n"
                + "172.30.0.2\tweb.example.org web\n"), hosts);
    }

    private DnsServer start(String net, boolean internal, String ip, DnsRegistry registry,
                            List<InetSocketAddress> upstreams) {
        DnsServer server = DnsServer.start(net, internal, new InetSocketAddress(ip, 0), registry, () -> upstreams);
        open.add(server);
        return server;
    }

    private InetSocketAddress fakeUpstream(String ip, String answer, AtomicReference<String> seen) throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(ip, 0));
        open.add(socket);
        Thread thread = new Thread(() -> {
            try {
                while (!socket.isClosed()) {
                    DatagramPacket packet = new DatagramPacket(new byte[512], 512);
                    socket.receive(packet);
                    DnsMessage query = DnsMessage.parseQuery(java.nio.ByteBuffer.wrap(packet.getData(), 0,
                            packet.getLength())).orElseThrow();
                    seen.set(query.name());
                    byte[] reply = query.answer(DnsMessage.RCODE_OK, List.of(answer));
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (Exception e) {
                // closed
            }
        });
        thread.setDaemon(true);
        thread.start();
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    static DnsMessage.Response ask(DnsServer server, String name, int type) throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(5000);
            byte[] query = DnsMessage.query(0x1234, name, type);
            client.send(new DatagramPacket(query, query.length, server.address()));
            DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
            client.receive(reply);
            DnsMessage.Response response = DnsMessage.parseResponse(java.util.Arrays.copyOf(reply.getData(),
                    reply.getLength()));
            assertEquals(0x1234, response.id());
            return response;
        }
    }
}
