package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.progress.ProgressMode;
import dev.berth.cli.root.EngineOptions;
import dev.berth.cli.progress.ProgressRenderer;
import dev.berth.cli.progress.TtyProbe;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.plan.Operation;
import dev.berth.engine.plan.PlanStep;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.PullEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {
    private static final PlanStep START = new PlanStep(1, new Operation.StartContainer("demo-web-1"), "created",
            List.of(), Optional.empty());
    private static final PlanStep STOP = new PlanStep(2, new Operation.StartContainer("demo-db-1"), "created",
            List.of(1), Optional.empty());
    private static final List<EngineEvent> EVENTS = List.of(
            new EngineEvent.StepStarted(Instant.EPOCH, START),
            new EngineEvent.StepFailed(Instant.EPOCH, START, "boom"),
            new EngineEvent.StepCancelled(Instant.EPOCH, STOP, "#1 failed"),
            new EngineEvent.ExecutionFinished(Instant.EPOCH, 0, 1, 1, false));

    private static String render(ProgressMode mode, String ansi, Map<String, String> env) {
        StringWriter out = new StringWriter();
        ProgressRenderer r = ProgressRenderer.forMode(mode, ansi, env, false, new PrintWriter(out));
        EVENTS.forEach(r);
        return out.toString();
    }

    @Test
    void plainListsFinishedStepsAndASummaryOnFailure() {
        assertEquals("""
                StartContainer demo-web-1 failed: boom
                StartContainer demo-db-1 cancelled: #1 failed
                0 done, 1 failed, 1 cancelled
                """, render(ProgressMode.PLAIN, null, Map.of()));
    }

    @Test
    void ttyWithAnsiAlwaysColoursTheStatus() {
        assertEquals("StartContainer demo-web-1 \u001b[31mfailed\u001b[0m: boom\n",
                render(ProgressMode.TTY, "always", Map.of()).lines().findFirst().orElseThrow() + "\n");
    }

    @Test
    void composeProgressSelectsTheRendererWhenNoFlagIsGiven() {
        assertEquals("berth: StartContainer demo-web-1 failed: boom\n",
                render(null, null, Map.of("COMPOSE_PROGRESS", "quiet")));
        assertEquals(4, render(null, null, Map.of("COMPOSE_PROGRESS", "json")).lines().count());
    }

    @Test
    void quietSaysNothingUnlessAStepFails() {
        StringWriter out = new StringWriter();
        ProgressRenderer r = ProgressRenderer.forMode(ProgressMode.QUIET, null, Map.of(), false, new PrintWriter(out));
        r.accept(new EngineEvent.StepStarted(Instant.EPOCH, START));
        r.accept(new EngineEvent.StepSucceeded(Instant.EPOCH, START, Duration.ofMillis(5)));
        r.accept(new EngineEvent.ExecutionFinished(Instant.EPOCH, 1, 0, 0, false));
        assertEquals("", out.toString());
    }

    @Test
    void jsonHasOneObjectPerEvent() {
        assertEquals("""
                {"event":"started","step":1,"operation":"StartContainer","target":"demo-web-1","cause":"created"}
                {"event":"failed","step":1,"operation":"StartContainer","target":"demo-web-1","cause":"created","message":"boom"}
                {"event":"cancelled","step":2,"operation":"StartContainer","target":"demo-db-1","cause":"created","message":"#1 failed"}
                {"event":"finished","succeeded":0,"failed":1,"cancelled":1,"interrupted":false}
                """, render(ProgressMode.JSON, null, Map.of()));
    }

    private static final PlanStep PULL = new PlanStep(1, new Operation.PullImage(ImageRef.of("redis:7"),
            Optional.empty(), List.of("cache")), "image missing locally", List.of(), Optional.empty());
    private static final String LAYER = "sha256:4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1";

    private static List<EngineEvent> pull() {
        ImageRef redis = ImageRef.of("redis:7");
        List<EngineEvent> events = new java.util.ArrayList<>();
        events.add(new EngineEvent.StepStarted(Instant.EPOCH, PULL));
        events.add(pulling(new PullEvent(redis, "sha256:aaaaaaaaaaaa1111", PullEvent.Status.ALREADY_EXISTS, 0, 0)));
        for (long done = 0; done <= 4_000_000; done += 500_000) {
            events.add(pulling(new PullEvent(redis, LAYER, PullEvent.Status.DOWNLOADING, done, 4_000_000)));
        }
        events.add(pulling(new PullEvent(redis, LAYER, PullEvent.Status.DOWNLOADED, 4_000_000, 4_000_000)));
        events.add(pulling(new PullEvent(redis, "sha256:" + "d".repeat(64), PullEvent.Status.PULLED, 0, 0)));
        events.add(new EngineEvent.StepSucceeded(Instant.EPOCH, PULL, Duration.ofMillis(30)));
        return events;
    }

    private static EngineEvent pulling(PullEvent event) {
        return new EngineEvent.PullProgress(Instant.EPOCH, PULL, event);
    }

    @Test
    void plainShowsEachLayerAtEveryStateChangeAndQuarterOfItsBytes() {
        StringWriter out = new StringWriter();
        ProgressRenderer r = ProgressRenderer.forMode(ProgressMode.PLAIN, null, Map.of(), false, new PrintWriter(out));
        pull().forEach(r);
        assertEquals("""
                [redis:7] aaaaaaaaaaaa Already exists
                [redis:7] 4f4fb700ef54 Downloading 0B/4MB
                [redis:7] 4f4fb700ef54 Downloading 1MB/4MB
                [redis:7] 4f4fb700ef54 Downloading 2MB/4MB
                [redis:7] 4f4fb700ef54 Downloading 3MB/4MB
                [redis:7] 4f4fb700ef54 Downloading 4MB/4MB
                [redis:7] 4f4fb700ef54 Download complete 4MB
                [redis:7] Pulled
                PullImage redis:7 for cache done
                """, out.toString());
    }

    @Test
    void jsonHasEveryLayerUpdate() {
        StringWriter out = new StringWriter();
        ProgressRenderer r = ProgressRenderer.forMode(ProgressMode.JSON, null, Map.of(), false, new PrintWriter(out));
        pull().forEach(r);
        List<String> lines = out.toString().lines().filter(l -> l.contains("\"event\":\"pull\"")).toList();
        assertEquals(12, lines.size(), out.toString());
        assertEquals("{\"event\":\"pull\",\"step\":1,\"operation\":\"PullImage\",\"target\":\"redis:7 for cache\","
                + "\"cause\":\"image missing locally\",\"id\":\"" + LAYER + "\",\"status\":\"downloading\","
                + "\"current\":500000,\"total\":4000000}", lines.get(2));
    }

    @Test
    void ttyDrawsTheLayersInPlaceAndLeavesTheirFinalStateBehind() {
        StringWriter out = new StringWriter();
        long[] now = {0};
        ProgressRenderer r = new TtyProbe(out, () -> now[0]).renderer();
        List<EngineEvent> events = pull();
        for (EngineEvent e : events) {
            now[0] += 60_000_000L;
            r.accept(e);
        }
        String text = out.toString();
        assertTrue(text.contains("   4f4fb700ef54 Downloading [=======>                      ] 1MB/4MB"), text);
        assertTrue(text.contains("\u001b[3A\r\u001b[J"), "the board is erased by moving up over it: " + text);
        String[] screen = text.substring(text.lastIndexOf("\u001b[J") + 3).split("\n");
        assertEquals(List.of(" redis:7 Pulled 2/2 layers", "   aaaaaaaaaaaa Already exists",
                "   4f4fb700ef54 Download complete", "PullImage redis:7 for cache done"), List.of(screen));
    }

    @Test
    void sizesAreDockersDecimalUnitsWithFourDigits() {
        assertEquals("0B", TtyProbe.size(0));
        assertEquals("326.3kB", TtyProbe.size(326_300));
        assertEquals("31.37MB", TtyProbe.size(31_370_000));
        assertEquals("1GB", TtyProbe.size(1_000_000_000));
    }

    @Test
    void parallelComesFromTheFlagOrComposeParallelLimitElseTheRuntimesDefault() {
        EngineOptions options = new EngineOptions();
        assertEquals(6, options.parallel(Map.of(), 6));
        assertEquals(6, options.parallel(Map.of("COMPOSE_PARALLEL_LIMIT", "many"), 6));
        assertEquals(4, options.parallel(Map.of("COMPOSE_PARALLEL_LIMIT", "4"), 6));
        new picocli.CommandLine(options).parseArgs("--parallel", "2");
        assertEquals(2, options.parallel(Map.of("COMPOSE_PARALLEL_LIMIT", "4"), 6));
    }

    @Test
    void theEmbeddedEngineKeepsThreeCallsInFlightPerCoreAndDockerSixteen() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(3 * cores, new dev.berth.cli.engine.EngineRuntimeProvider().defaultParallelLimit());
        assertEquals(3 * cores, new dev.berth.embedded.spi.EmbeddedRuntimeProvider().defaultParallelLimit());
        assertEquals(16, new dev.berth.docker.DockerRuntimeProvider().defaultParallelLimit());
    }
}
