package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.cli.progress.ProgressMode;
import dev.berth.cli.root.EngineOptions;
import dev.berth.cli.progress.ProgressRenderer;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.plan.Operation;
import dev.berth.engine.plan.PlanStep;
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
        assertEquals("", render(null, null, Map.of("COMPOSE_PROGRESS", "quiet")));
        assertEquals(4, render(null, null, Map.of("COMPOSE_PROGRESS", "json")).lines().count());
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

    @Test
    void parallelComesFromTheFlagOrComposeParallelLimit() {
        EngineOptions options = new EngineOptions();
        assertEquals(16, options.parallel(Map.of()));
        assertEquals(4, options.parallel(Map.of("COMPOSE_PARALLEL_LIMIT", "4")));
        new picocli.CommandLine(options).parseArgs("--parallel", "2");
        assertEquals(2, options.parallel(Map.of("COMPOSE_PARALLEL_LIMIT", "4")));
    }
}
