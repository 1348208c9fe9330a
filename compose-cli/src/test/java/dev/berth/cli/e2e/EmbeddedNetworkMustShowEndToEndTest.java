package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.berth.embedded.testing.LoopbackClient.awaitHttp;
import static dev.berth.embedded.testing.LoopbackClient.freePorts;
import static dev.berth.embedded.testing.LoopbackClient.tcpEcho;
import static dev.berth.embedded.testing.LoopbackClient.udpEcho;

import dev.berth.cli.e2e.EngineUnderTest.Run;
import dev.berth.embedded.testing.HostSnapshot;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.testing.EchoServerImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The networking and volume points of issue 6's "Must show" on the embedded engine, driven through the berth
 * command in separate processes (which start the {@code berth engine} daemon on demand): service names, aliases
 * and network scoping, an internal network, round robin over replicas, IPv6 on a network with {@code enable_ipv6},
 * published ports on 127.0.0.1 (tcp and udp, fixed and ephemeral, a host-port range shared by replicas, tcp and udp
 * on one port number, udp answered by the tests' static echo server), a named volume across down/up, recreate and
 * an engine restart, and up/down cycles that leave nothing behind. Traffic goes only to 127.0.0.1 and into the
 * stack's own containers.
 */
class EmbeddedNetworkMustShowEndToEndTest {
    /** The issue asks for 20 cycles; 2 keep the suite's run time sane. {@code LEAK_CYCLES=20} runs them all. */
    private static final int LEAK_CYCLES = Integer.parseInt(System.getenv().getOrDefault("LEAK_CYCLES", "2"));
    /** An answer line of busybox nslookup; the server line carries {@code :53} and does not match. */
    private static final Pattern IPV4 = Pattern.compile("^Address(?: \\d+)?:\\s*(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s*$",
            Pattern.MULTILINE);
    /** Debian's static busybox wget crashes with {@code -T}; {@code timeout} bounds it instead. */
    private static final Duration SERVES_WITHIN = Duration.ofSeconds(30);
    private static final String WGET = "timeout 3 busybox wget -q -O - ";
    /** Waits (up to about 15 s) until {@code http://%s:8080/} answers. */
    private static final String AWAIT = "for i in $(seq 1 50); do " + WGET
            + "http://%s:8080/ >/dev/null 2>&1 && break; sleep 0.3; done\n";

    private EngineUnderTest engine;
    private String name;

    @BeforeEach
    void setUp() throws IOException {
        engine = EngineUnderTest.withBusybox("must").withVariable("BERTH_RUNTIME", "embedded");
        name = "must" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static String httpd(String service) {
        return "[\"sh\", \"-c\", \"mkdir -p /www && echo " + service
                + "-$$(hostname) > /www/index.html && exec busybox httpd -f -p 8080 -h /www\"]";
    }

    @Test
    void namesAliasesInternalNetworksRoundRobinAndPublishedPorts() throws Exception {
        int fixed = freePorts(1);
        int range = freePorts(4);
        int udp = freePorts(1);
        String ipv6 = "fd00:beef:" + Integer.toHexString(1 + new Random().nextInt(0xfffe)) + "::";
        EchoServerImage.build(ImageStore.open(engine.root().resolve("images")), "e2e/echo:latest",
                Files.createTempDirectory(engine.root(), "echo-work"));
        compose("""
                services:
                  web:
                    image: e2e/busybox:latest
                    command: %1$s
                    networks: [front]
                    ports: ["127.0.0.1:%2$d:8080", "127.0.0.1::8080"]
                  api:
                    image: e2e/busybox:latest
                    command: %3$s
                    networks:
                      front:
                        aliases: [backend]
                        ipv6_address: "%7$s10"
                      back: {}
                  db:
                    image: e2e/busybox:latest
                    command: %4$s
                    networks: [back]
                  whoami:
                    image: e2e/busybox:latest
                    command: %5$s
                    networks: [front]
                    ports: ["127.0.0.1:%6$d-%8$d:8080"]
                    deploy:
                      replicas: 3
                  echo:
                    image: e2e/echo:latest
                    command: ["7007", "7008"]
                    networks: [front]
                    ports: ["127.0.0.1:%9$d:7007/udp", "127.0.0.1::7007/udp", "127.0.0.1:%9$d:7008/tcp"]
                networks:
                  front:
                    enable_ipv6: true
                    ipam:
                      config:
                        - subnet: "%7$s/64"
                  back:
                    internal: true
                """.formatted(httpd("web"), fixed, httpd("api"), httpd("db"), httpd("whoami"), range, ipv6,
                range + 3, udp));
        Run up = berth("up", "-d");
        assertEquals(0, up.code(), up.all());

        // one exec per asking container: every berth command is a JVM start, and the CI machine is shared
        Run fromApi = exec("api", AWAIT.formatted("db") + "echo DB=$(" + WGET + "http://db:8080/)\n"
                + "busybox nslookup db\n");
        assertTrue(value(fromApi, "DB").startsWith("db-"), "api reaches db on the internal network: " + fromApi.all());
        String dbAddress = addresses(fromApi.out()).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no address of db: " + fromApi.all()));

        Run fromWeb = exec("web", AWAIT.formatted("api") + """
                echo API=$(%1$shttp://api:8080/)
                echo ALIAS=$(%1$shttp://backend:8080/)
                busybox nslookup db >/dev/null 2>&1; echo DB_RESOLVES=$?
                %1$shttp://%2$s:8080/ >/dev/null 2>&1; echo DB_REACHABLE=$?
                for i in $(seq 1 6); do
                  first=$(busybox nslookup whoami | sed -n 's/^Address:[[:space:]]*\\([0-9.]*\\)$/\\1/p' | head -n 1)
                  echo PAGE=$(%1$shttp://$first:8080/)
                done
                busybox nslookup whoami
                echo AAAA=$(busybox nslookup -type=AAAA api | grep -c '%3$s10$')
                echo API6=$(%1$shttp://[%3$s10]:8080/)
                """.formatted(WGET, dbAddress, ipv6));
        assertTrue(value(fromWeb, "API").startsWith("api-"), "web reaches api by service name: " + fromWeb.all());
        assertTrue(value(fromWeb, "ALIAS").startsWith("api-"), "and by its alias: " + fromWeb.all());
        assertNotEquals("0", value(fromWeb, "DB_RESOLVES"), "web cannot resolve db (not on its network)");
        assertNotEquals("0", value(fromWeb, "DB_REACHABLE"), "nor reach db's address " + dbAddress);

        Set<String> replicaAddresses = addresses(fromWeb.out());
        Set<String> replicaPages = fromWeb.out().lines().filter(l -> l.startsWith("PAGE=whoami-"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(3, replicaAddresses.size(), "DNS of the scaled service answers all 3 replicas: " + fromWeb.out());
        // Round robin is the order of the answers, as with Docker's resolver: a client that takes the first address
        // reaches the next replica on each lookup. (busybox wget by name would not show it: glibc's getaddrinfo
        // sorts the answers by RFC 6724 rule 9, longest prefix shared with the asker's own address on the same
        // subnet, so it keeps choosing one replica, with Docker too.)
        assertEquals(3, replicaPages.size(), "requests to the first answer hit every replica (round robin): "
                + fromWeb.out());
        assertEquals("1", value(fromWeb, "AAAA"), "api's ipv6_address is its AAAA record: " + fromWeb.all());
        assertTrue(value(fromWeb, "API6").startsWith("api-"), "web reaches api over IPv6: " + fromWeb.all());

        awaitHttp(fixed, "web-", SERVES_WITHIN); // the fixed published port serves 127.0.0.1
        Run port = berth("port", "web", "8080");
        assertEquals(0, port.code(), port.all());
        assertEquals("127.0.0.1:" + fixed, port.out().trim(), "port shows the first binding, as Compose does");
        Run ps = berth("ps");
        assertEquals(0, ps.code(), ps.all());
        int ephemeral = published(ps, "8080/tcp").stream().filter(p -> p != fixed && (p < range || p > range + 3))
                .findFirst().orElseThrow(() -> new AssertionError("no ephemeral port of web in: " + ps.out()));
        awaitHttp(ephemeral, "web-", SERVES_WITHIN); // the ephemeral published port serves 127.0.0.1

        Set<Integer> ofRange = published(ps, "8080/tcp").stream().filter(p -> p >= range && p <= range + 3)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(3, ofRange.size(), "each replica got its own port of " + range + "-" + (range + 3) + ": "
                + ps.out());
        for (int p : ofRange) {
            awaitHttp(p, "whoami-", SERVES_WITHIN); // the replica's port of the range serves
        }

        List<Integer> udpPorts = published(ps, "7007/udp");
        assertEquals(2, udpPorts.size(), ps.out());
        assertTrue(udpPorts.contains(udp), ps.out());
        for (int p : udpPorts) {
            assertEquals("udp 7007 datagram-" + p, udpEcho(p, "datagram-" + p), "the udp port " + p
                    + " (fixed " + udp + " or ephemeral) answers on 127.0.0.1");
        }
        assertEquals("tcp 7008 stream", tcpEcho(udp, "stream"), "tcp on the same host port number as udp");
    }

    /** The host ports {@code ps} shows for {@code containerPort/protocol} on 127.0.0.1. */
    private static List<Integer> published(Run ps, String target) {
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)->" + Pattern.quote(target)).matcher(ps.out());
        List<Integer> ports = new ArrayList<>();
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    @Test
    void aNamedVolumeKeepsItsDataAcrossDownUpRecreateAndAnEngineRestartUntilDownMinusV() throws Exception {
        compose("""
                services:
                  store:
                    image: e2e/busybox:latest
                    command: ["sleep", "3600"]
                    volumes: ["data:/data"]
                volumes:
                  data: {}
                """);
        Path volume = engine.root().resolve("volumes").resolve(name + "_data");
        assertEquals(0, berth("up", "-d").code());
        Run write = exec("store", "echo kept > /data/file");
        assertEquals(0, write.code(), write.all());
        assertTrue(Files.isDirectory(volume), "the volume lives in the engine's root: " + volume);

        Run down = berth("down");
        assertEquals(0, down.code(), down.all());
        assertTrue(Files.isDirectory(volume), "down without -v keeps the volume");
        assertEquals(0, berth("up", "-d").code());
        assertEquals("kept", read("store", "/data/file"), "across down/up");

        String original = berth("ps", "-q").out().trim();
        Run recreate = berth("up", "-d", "--force-recreate");
        assertEquals(0, recreate.code(), recreate.all());
        assertNotEquals(original, berth("ps", "-q").out().trim(), "the container was recreated");
        assertEquals("kept", read("store", "/data/file"), "across a recreate");

        Run stop = berth("engine", "stop");
        assertEquals(0, stop.code(), stop.all());
        Run again = berth("up", "-d");
        assertEquals(0, again.code(), again.all());
        assertTrue(again.err().contains("started berth engine (pid "), "the engine was restarted: " + again.err());
        assertEquals("kept", read("store", "/data/file"), "across an engine restart");

        Run downVolumes = berth("down", "-v");
        assertEquals(0, downVolumes.code(), downVolumes.all());
        assertFalse(Files.exists(volume), "down -v removes the named volume");
        assertEquals(0, berth("up", "-d").code());
        assertNotEquals(0, exec("store", "cat /data/file").code(), "a new volume starts empty");
    }

    @Test
    void upDownCyclesOfATenServiceThreeNetworkStackLeaveNothingBehind() throws Exception {
        StringBuilder services = new StringBuilder("services:\n");
        List<String> networks = List.of("one", "two", "three");
        for (int i = 0; i < 10; i++) {
            services.append("""
                      s%d:
                        image: e2e/busybox:latest
                        command: ["sleep", "3600"]
                        networks: [%s, %s]
                    """.formatted(i, networks.get(i % 3), networks.get((i + 1) % 3)));
        }
        compose(services + "networks:\n  one: {}\n  two: {}\n  three:\n    internal: true\n");
        HostSnapshot before = HostSnapshot.take(engine.root());
        Set<String> containerIds = new TreeSet<>();
        Set<String> networkIds = new TreeSet<>();
        for (int cycle = 0; cycle < LEAK_CYCLES; cycle++) {
            Run up = berth("up", "-d");
            assertEquals(0, up.code(), "cycle " + cycle + ": " + up.all());
            List<String> ids = berth("ps", "-q").out().lines().toList();
            assertEquals(10, ids.size(), "cycle " + cycle + ": " + ids);
            containerIds.addAll(ids);
            engine.stateFileNames("net/networks").stream().filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length())).forEach(networkIds::add);
            Run down = berth("down");
            assertEquals(0, down.code(), "cycle " + cycle + ": " + down.all());
        }
        assertTrue(networkIds.size() >= 3, "the stack's networks were seen: " + networkIds);
        HostSnapshot after = HostSnapshot.awaitSettled(engine.root(), before);
        assertEquals(List.of(), after.leftOver(before, containerIds, networkIds),
                "after " + LEAK_CYCLES + " up/down cycles nothing of the stack is left\nbefore: " + before
                        + "\nafter: " + after);
        assertEquals(List.of(), engine.stateFileNames("net/networks"), "network state left behind");
        assertEquals(List.of(), engine.stateFileNames("net/ports"), "published-port state left behind");
    }

    private String read(String service, String file) throws Exception {
        Run cat = exec(service, "cat " + file);
        assertEquals(0, cat.code(), cat.all());
        return cat.out().trim();
    }

    private void compose(String body) throws IOException {
        engine.writeCompose("name: " + name + "\n" + body);
    }

    /** The addresses in the answers of nslookup output (not the server's own {@code Address: ip:53} line). */
    private static Set<String> addresses(String nslookupOutput) {
        Set<String> found = new TreeSet<>();
        Matcher m = IPV4.matcher(nslookupOutput);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The value of the {@code KEY=value} line a probe script printed. */
    private static String value(Run probe, String key) {
        return probe.out().lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in " + probe.all()));
    }

    private Run exec(String service, String script) throws Exception {
        return berth("exec", "-T", service, "sh", "-c", script);
    }

    private Run berth(String... args) throws IOException, InterruptedException {
        return engine.berth(args);
    }
}
