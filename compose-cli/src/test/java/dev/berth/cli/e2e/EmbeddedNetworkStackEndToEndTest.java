package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.berth.embedded.testing.LoopbackClient.awaitHttp;
import static dev.berth.embedded.testing.LoopbackClient.httpGet;
import static dev.berth.embedded.testing.LoopbackClient.reachable;

import dev.berth.cli.e2e.EngineUnderTest.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A two-service stack on the embedded engine, driven by the berth command in separate processes: {@code app}
 * fetches {@code http://web:8080/} by service name over the project's default network, {@code web} publishes
 * its port on 127.0.0.1, {@code ps} and {@code port} show it, and {@code down} leaves no namespace, network state
 * or published port behind. Traffic goes only to 127.0.0.1 and into the stack's own namespaces. The first command
 * starts the {@code berth engine} daemon, which holds the stack's DNS servers and port proxies (so they outlive a
 * detached {@code up}); the teardown stops it with {@code berth engine stop}.
 */
class EmbeddedNetworkStackEndToEndTest {
    private EngineUnderTest engine;
    private BerthProcess up;
    private int port;

    @BeforeEach
    void setUp() throws IOException {
        engine = EngineUnderTest.withBusybox("net").withVariable("BERTH_RUNTIME", "embedded");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        engine.writeCompose("""
                name: net%s
                services:
                  web:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "mkdir -p /www && echo hello-from-web > /www/index.html && exec busybox httpd -f -p 8080 -h /www"]
                    ports: ["127.0.0.1:%d:8080"]
                  app:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "for i in $$(seq 1 50); do timeout 5 busybox wget -q -O - http://web:8080/ && exit 0; sleep 0.2; done; exit 1"]
                    depends_on: [web]
                """.formatted(UUID.randomUUID().toString().substring(0, 8), port));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            if (up != null) {
                up.close();
            }
        }
    }

    @Test
    void appReachesWebByServiceNameAndWebsPublishedPortServesLoopback() throws Exception {
        up = engine.start("up");
        up.awaitOutput("hello-from-web", Duration.ofSeconds(90));

        assertTrue(httpGet(port).contains("hello-from-web"), "the published port serves 127.0.0.1");
        Run ps = engine.berth("ps");
        assertEquals(0, ps.code(), ps.err());
        assertTrue(ps.out().contains("127.0.0.1:" + port + "->8080/tcp"), ps.out());
        Run portCommand = engine.berth("port", "web", "8080");
        assertEquals("127.0.0.1:" + port, portCommand.out().trim(), portCommand.err());
        List<String> ids = engine.berth("ps", "-a", "-q").out().lines().toList();
        assertEquals(2, ids.size(), ids.toString());

        Run down = engine.berth("down");
        assertEquals(0, down.code(), down.err());
        up.exitCode(Duration.ofSeconds(60)); // fails unless up ends once its containers are gone
        assertNothingOfTheStackLeft(ids);
    }

    @Test
    void afterADetachedUpTheEngineKeepsServingNamesAndThePublishedPort() throws Exception {
        Run upDetached = engine.berth("up", "-d");
        assertEquals(0, upDetached.code(), upDetached.err());
        assertTrue(upDetached.err().contains("started berth engine (pid "), "the first command starts the engine: "
                + upDetached.err());
        awaitHttp(port, "hello-from-web", Duration.ofSeconds(60)); // served 127.0.0.1 after the CLI exited
        Run ps = awaitAppExit(60);
        assertTrue(ps.out().matches("(?s).*-app-1 .*exited \\(0\\).*"),
                "app reached web by its service name through the engine's DNS: " + ps.out());
        assertTrue(ps.out().contains("127.0.0.1:" + port + "->8080/tcp"), ps.out());
        List<String> ids = engine.berth("ps", "-a", "-q").out().lines().toList();

        Run down = engine.berth("down");
        assertEquals(0, down.code(), down.err());
        assertNothingOfTheStackLeft(ids);
    }

    /** After {@code down}: no namespace of the containers {@code ids}, no network or port state, no port served. */
    private void assertNothingOfTheStackLeft(List<String> ids) throws IOException {
        for (String id : ids) {
            assertFalse(Files.exists(Path.of("/run/netns/berth-" + id.substring(0, 32))), "namespace of " + id);
        }
        assertEquals(List.of(), engine.stateFileNames("net/networks"), "network state left behind");
        assertEquals(List.of(), engine.stateFileNames("net/ports"), "published-port state left behind");
        assertFalse(reachable(port), "nothing serves the published port any more");
    }

    /** {@code ps -a} once the app service's container has exited, or an error after {@code seconds}. */
    private Run awaitAppExit(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Run ps = engine.berth("ps", "-a");
        while (!ps.out().matches("(?s).*-app-1 .*exited.*") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            ps = engine.berth("ps", "-a");
        }
        return ps;
    }

}
