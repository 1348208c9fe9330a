package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.e2e.EngineUnderTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault test of a detached {@code up}: the engine daemon is killed with SIGKILL while {@code berth up -d} of a
 * ten-service stack is half done, and a second {@code berth up -d} (which starts a new engine) converges. The
 * containers that ran before the kill are found and kept (same ids, not restarted: each writes a marker line with
 * its hostname into a shared named volume when it starts), none is duplicated, all ten run, the volume keeps what
 * was written before the kill, and {@code down -v} then leaves no container, mount or network namespace.
 */
class EngineKilledDuringUpEndToEndTest {
    private static final int SERVICES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineUnderTest engine;
    private String name;
    private final Set<String> everSeenIds = new HashSet<>();

    @BeforeEach
    void setUp() throws IOException {
        engine = EngineUnderTest.withBusybox("fault");
        name = "fault" + UUID.randomUUID().toString().substring(0, 8);
        engine.writeCompose(composeFile());
    }

    /**
     * s1 &lt;- s2 &lt;- ... &lt;- s10, each waiting until the one before it is healthy (it wrote its marker), so that
     * {@code up -d} takes some seconds and can be interrupted half way.
     */
    private String composeFile() {
        StringBuilder yaml = new StringBuilder("name: " + name + "\nservices:\n");
        for (int i = 1; i <= SERVICES; i++) {
            yaml.append("""
                      s%1$d:
                        image: e2e/busybox:latest
                        command: ["sh", "-c", "hostname >> /data/s%1$d; trap 'exit 0' TERM; sleep 3600 & wait"]
                        volumes: ["data:/data"]
                        healthcheck:
                          test: ["CMD", "test", "-s", "/data/s%1$d"]
                          interval: 1s
                          start_period: 0s
                          start_interval: 500ms
                    """.formatted(i));
            if (i > 1) {
                yaml.append("""
                            depends_on:
                              s%d:
                                condition: service_healthy
                        """.formatted(i - 1));
            }
        }
        return yaml.append("volumes:\n  data: {}\n").toString();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void upAfterTheEngineWasKilledMidUpFindsTheStartedContainersAndConverges() throws Exception {
        Path volume = engine.root().resolve("volumes").resolve(name + "_data").resolve("_data");
        Map<String, String> markersBeforeKill;
        long killedPid;
        try (BerthProcess up = engine.start("up", "-d")) {
            awaitMarkers(volume, 3, up);
            killedPid = engine.enginePid()
                    .orElseThrow(() -> new AssertionError("no engine pid file in " + engine.runDir()));
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(killedPid)).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -9 " + killedPid);
            awaitDeath(killedPid);
            markersBeforeKill = markers(volume);
            assertTrue(markersBeforeKill.size() < SERVICES,
                    "the kill came before up -d was done: " + markersBeforeKill.keySet());
            assertNotEquals(0, up.exitCode(Duration.ofSeconds(60)), "up -d fails when its engine dies: "
                    + up.out() + up.err());
        }

        Run again = berth("up", "-d");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.err().contains("started berth engine (pid "), "the second up starts a new engine: "
                + again.err());
        assertNotEquals(killedPid, engine.enginePid().orElse(-1L));

        List<JsonNode> containers = psJson();
        List<String> names = containers.stream().map(c -> c.get("Name").asText()).sorted().toList();
        List<String> expected = IntStream.rangeClosed(1, SERVICES).mapToObj(i -> name + "-s" + i + "-1")
                .sorted().toList();
        assertEquals(expected, names, "exactly one container per service, none duplicated");
        for (JsonNode c : containers) {
            assertEquals("running", c.get("State").asText(), c.toString());
        }
        Map<String, String> idByService = containers.stream().collect(Collectors.toMap(
                c -> c.get("Service").asText(), c -> c.get("ID").asText()));
        Map<String, String> markersAfter = markers(volume);
        for (Map.Entry<String, String> before : markersBeforeKill.entrySet()) {
            String service = before.getKey();
            String hostname = before.getValue().strip();
            assertFalse(hostname.contains("\n"), "s" + service + " started once before the kill: " + hostname);
            assertTrue(idByService.get(service).startsWith(hostname),
                    service + " started before the kill keeps its container (" + hostname + "), now "
                            + idByService.get(service));
            assertEquals(before.getValue(), markersAfter.get(service),
                    "the marker written before the kill is intact and " + service + " was not started again");
        }
        assertEquals(SERVICES, markersAfter.size(), "every service wrote its marker: " + markersAfter);
        containers.forEach(c -> everSeenIds.add(c.get("ID").asText()));

        Run down = berth("down", "-v");
        assertEquals(0, down.code(), down.out() + down.err());
        Run after = berth("ps", "-a", "-q");
        assertEquals("", after.out().strip(), "no container of the project is left");
        assertFalse(Files.exists(volume.getParent()), "down -v removed the named volume");
        assertEquals(List.of(), engine.mountsBelowRoot(), "no mount under the engine's root is left");
        for (String id : everSeenIds) {
            assertFalse(Files.exists(Path.of("/run/netns/berth-" + id.substring(0, 32))), "namespace of " + id);
        }
    }

    /** Waits until at least {@code atLeast} services wrote their marker, with {@code up} still running. */
    private static void awaitMarkers(Path volume, int atLeast, BerthProcess up) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (markers(volume).size() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + markers(volume).keySet() + " started\nstdout:\n" + up.out()
                        + "\nstderr:\n" + up.err());
            }
            Thread.sleep(50);
        }
    }

    /** Service name to the content of its marker file in the volume. */
    private static Map<String, String> markers(Path volume) throws IOException {
        Map<String, String> markers = new TreeMap<>();
        if (!Files.isDirectory(volume)) {
            return markers;
        }
        try (Stream<Path> files = Files.list(volume)) {
            for (Path file : files.toList()) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                if (!content.isEmpty()) {
                    markers.put(file.getFileName().toString(), content);
                }
            }
        }
        return markers;
    }

    private List<JsonNode> psJson() throws Exception {
        Run ps = berth("ps", "-a", "--format", "json");
        assertEquals(0, ps.code(), ps.err());
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : ps.out().lines().filter(l -> !l.isBlank()).toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static void awaitDeath(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alive(pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("engine " + pid + " still alive after kill -9");
            }
            Thread.sleep(20);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private Run berth(String... args) throws IOException, InterruptedException {
        return engine.berth(args);
    }
}
