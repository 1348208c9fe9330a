package dev.berth.api.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.api.FakeStacks;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeRuntimeProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacks left by dead processes are found by their owner labels and taken down; those of live ones stay. */
class OrphanedStackReaperTest {
    private static final StackOwner DEAD = new StackOwner(1_000_001, Optional.of(5L));
    private static final StackOwner ALIVE = new StackOwner(1_000_002, Optional.of(7L));

    @TempDir
    Path dir;

    private final FakeRuntime runtime = (FakeRuntime) new FakeRuntimeProvider().open();
    private final ProcessTable processes = owner -> owner.equals(ALIVE);

    private OrphanedStackReaper.Result reap() {
        return new OrphanedStackReaper(runtime, new ComposeEngine(runtime, Clock.systemUTC(),
                ExecutorOptions.defaults(), "test"), processes).reap();
    }

    private void up(StackOwner owner, String project) throws InterruptedException {
        FakeStacks.up(owner == null ? runtime : new OwnerLabellingRuntime(runtime, owner),
                FakeStacks.write(dir, FakeStacks.WEB), project);
    }

    @Test
    void theStackOfADeadOwnerIsTakenDownWithItsNetworkAndVolumes() throws Exception {
        up(DEAD, "crashed");
        assertEquals(List.of("container crashed-web-1", "network crashed_default", "volume crashed_data"),
                FakeStacks.resources(runtime, "crashed"));
        OrphanedStackReaper.Result result = reap();
        assertEquals(List.of("crashed"), result.removed());
        assertEquals(List.of(), result.problems());
        assertEquals(List.of(), FakeStacks.resources(runtime, "crashed"));
    }

    @Test
    void stacksOfLiveOwnersAndStacksWithoutOwnerStay() throws Exception {
        up(ALIVE, "running");
        up(null, "bycli");
        assertEquals(List.of(), reap().removed());
        assertEquals(3, FakeStacks.resources(runtime, "running").size());
        assertEquals(3, FakeStacks.resources(runtime, "bycli").size());
    }

    @Test
    void aProjectStaysWhileAnyOfItsOwnersLives() throws Exception {
        up(DEAD, "shared");
        Path file = FakeStacks.write(dir, FakeStacks.WEB.replace("services:\n", """
                services:
                  worker:
                    image: busybox:latest
                    command: ["sh", "-c", "sleep infinity"]
                """));
        FakeStacks.up(new OwnerLabellingRuntime(runtime, ALIVE), file, "shared");
        assertEquals(List.of(), reap().removed());
        assertTrue(FakeStacks.resources(runtime, "shared").contains("container shared-web-1"));
    }

    @Test
    void ownerLabelsAreOnEveryContainerAndReadBack() throws Exception {
        up(DEAD, "labelled");
        ContainerSummary web = runtime.list(dev.berth.runtime.LabelSelector.of("com.docker.compose.service", "web"))
                .get(0);
        assertEquals("1000001", web.label(StackOwner.PID_LABEL));
        assertEquals(Optional.of(DEAD), StackOwner.fromLabels(web.labels()));
        assertEquals(Optional.empty(), StackOwner.fromLabels(java.util.Map.of(StackOwner.PID_LABEL, "not-a-pid")));
    }

    @Test
    void theSystemProcessTableKnowsThisJvmButNotAReusedPid() {
        StackOwner me = StackOwner.current();
        assertTrue(ProcessTable.system().isAlive(me));
        assertFalse(ProcessTable.system().isAlive(new StackOwner(me.pid(), Optional.of(1L))),
                "same pid, other start time: another process");
        assertEquals(Set.of(StackOwner.PID_LABEL, StackOwner.STARTED_LABEL), me.labels().keySet());
    }
}
