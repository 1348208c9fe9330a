package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.e2e.EngineUnderTest.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The samples under {@code samples/}, exactly as a user runs them: {@code berth up -d --wait} builds their
 * FROM-scratch images on the embedded engine (through the engine daemon the first command starts), then each is
 * checked over its published port on 127.0.0.1 and taken down with its volumes. One engine serves all samples;
 * the class stops it at the end and removes its state. {@link SamplesOnDockerEndToEndTest} runs the same checks
 * with {@code --runtime docker}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesEndToEndTest {
    private static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EngineUnderTest engine;

    /** Where the samples run: berth's own engine, started by the first command. */
    EngineUnderTest engine() throws IOException {
        return EngineUnderTest.create("samples");
    }

    @BeforeAll
    void createEngine() throws IOException {
        engine = engine();
    }

    @AfterAll
    void stopEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void quickstartServesItsPageOnceDataIsHealthy() throws Exception {
        int port = freePort();
        runSample("quickstart", Map.of("WEB_PORT", Integer.toString(port)), project -> {
            String page = awaitBody(port, "/", body -> body.contains("Hello from Berth"));
            assertTrue(page.contains("Hello from Berth"), page);
            String ps = ok(project, "ps");
            for (String service : List.of("web", "worker", "data")) {
                assertTrue(ps.matches("(?s).*samples-quickstart-" + service + "-1 .*running.*"), ps);
            }
            assertTrue(ps.matches("(?s).*samples-quickstart-data-1 .*healthy.*"), ps);
        });
    }

    @Test
    void theAppStartsOnlyAfterItsMigrationsSucceeded() throws Exception {
        int port = freePort();
        runSample("migrate-then-app", Map.of("APP_PORT", Integer.toString(port)), project -> {
            String page = awaitBody(port, "/", body -> body.contains("schema version"));
            assertTrue(page.startsWith("schema version 3"), page);
            assertTrue(page.contains("applied migration 1") && page.contains("applied migration 3"), page);
            String ps = ok(project, "ps", "-a");
            assertTrue(ps.matches("(?s).*samples-migrate-then-app-migrate-1 .*exited \\(0\\).*"), ps);
        });
    }

    @Test
    void threeWorkersShareTheQueue() throws Exception {
        int port = freePort();
        runSample("worker-pool", Map.of("REPORT_PORT", Integer.toString(port), "JOBS", "30"), project -> {
            String summary = awaitBody(port, "/cgi-bin/summary", body -> body.contains("done: 30"));
            assertTrue(summary.contains("done: 30"), summary);
            String ps = ok(project, "ps");
            for (int replica = 1; replica <= 3; replica++) {
                assertTrue(ps.contains("samples-worker-pool-worker-" + replica + " "), ps);
            }
        });
    }

    @Test
    void theApiReachesTheStoreByNameOnTheInternalNetwork() throws Exception {
        int port = freePort();
        runSample("two-tier", Map.of("API_PORT", Integer.toString(port)), project -> {
            String items = awaitBody(port, "/cgi-bin/items", body -> body.contains("1. anchor"));
            assertEquals("1. anchor\n2. bollard\n3. capstan\n4. davit\n", items);
        });
    }

    private interface SampleCheck {
        void check(String project) throws Exception;
    }

    /** up -d --wait, the check, then down -v whatever happened; the project name keeps samples apart. */
    private void runSample(String sample, Map<String, String> env, SampleCheck check) throws Exception {
        String project = "samples-" + sample;
        String file = SAMPLES.resolve(sample).resolve("compose.yaml").toString();
        try {
            Run up = engine.berth(env, "-f", file, "-p", project, "up", "-d", "--wait", "--wait-timeout", "120");
            assertEquals(0, up.code(), up.all());
            check.check(project);
        } finally {
            Run down = engine.berth(env, "-f", file, "-p", project, "down", "-v");
            assertEquals(0, down.code(), down.err());
        }
    }

    private String ok(String project, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-p", project));
        all.addAll(List.of(args));
        Run run = engine.berth(all.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        return run.out();
    }

    /** GETs 127.0.0.1:port/path until the body satisfies {@code ready} (a stack may still be warming up). */
    private static String awaitBody(int port, String path, Predicate<String> ready) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && ready.test(response.body())) {
                    return response.body();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(uri + " never answered as expected; last: " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
