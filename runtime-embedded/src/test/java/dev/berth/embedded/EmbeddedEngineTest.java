package dev.berth.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.logs.LogEntry;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.oci.Capabilities;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.testing.ScratchEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on runc, as root: real containers from a FROM-scratch busybox image. */
class EmbeddedEngineTest {
    @TempDir
    Path temp;
    EmbeddedEngine engine;

    @BeforeEach
    void open() {
        ContainerHost.assumeContainersCanRun();
        engine = ScratchEngine.open(temp);
        BusyboxImage.build(engine.images(), "busybox:test", temp);
    }

    @AfterEach
    void cleanUp() {
        ScratchEngine.removeAllAndClose(engine, temp);
    }

    private String run(ContainerConfig config) {
        String id = engine.create(config);
        engine.start(id);
        return id;
    }

    private String stdout(String id) {
        StringBuilder out = new StringBuilder();
        engine.logs(id, LogQuery.ALL.withFollow(false)).stream().filter(e -> e.stream().equals("stdout"))
                .forEach(e -> out.append(e.line()));
        return out.toString();
    }

    @Test
    void echoHelloWritesJsonFileLogsAndReportsTheExitCode() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").name("hello")
                .command("sh", "-c", "echo hello; echo oops >&2; echo world; exit 3").build());
        assertEquals(new ExitStatus(3, false), engine.await(id));

        // stdout and stderr are separate pipes: order is kept within a stream, not across streams (as in Docker)
        List<LogEntry> all = engine.logs("hello", LogQuery.ALL);
        assertEquals(3, all.size());
        LogQuery stdoutOnly = new LogQuery(true, false, null, null, -1, false);
        assertEquals(List.of("hello\n", "world\n"), engine.logs(id, stdoutOnly).stream().map(LogEntry::line).toList());
        assertEquals(List.of("oops\n"), engine.logs(id, new LogQuery(false, true, null, null, -1, false)).stream()
                .map(LogEntry::line).toList());
        assertEquals(List.of("world\n"), engine.logs(id, stdoutOnly.withTail(1)).stream().map(LogEntry::line).toList());
        java.time.Instant last = all.stream().map(LogEntry::time).max(java.util.Comparator.naturalOrder()).orElseThrow();
        assertEquals(List.of(), engine.logs(id, LogQuery.ALL.withSince(last.plusNanos(1000))));
        assertEquals(all, engine.logs(id, LogQuery.ALL.withUntil(last.plusNanos(1000))));
        String raw = Files.readAllLines(engine.logPath(id)).stream().filter(l -> l.contains("hello")).findFirst().orElseThrow();
        assertTrue(raw.matches("\\{\"log\":\"hello\\\\n\",\"stream\":\"stdout\",\"time\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"}"), raw);

        ContainerInfo info = engine.inspect(id);
        assertEquals(ContainerStatus.EXITED, info.state().status());
        assertEquals(3, info.state().exitCode());
    }

    @Test
    void containersAreIsolated() {
        String id = run(ContainerConfig.builder("busybox:test").hostname("box")
                .command("sh", "-c", "echo pid=$$; hostname; grep CapEff /proc/self/status; wc -c < /proc/keys;"
                        + " wc -c < /proc/timer_list; ls /dev; cat /etc/hostname; grep -c . /proc/net/dev")
                .build());
        assertEquals(0, engine.await(id).exitCode());
        List<String> lines = List.of(stdout(id).split("\n"));
        assertEquals("pid=1", lines.get(0));
        assertEquals("box", lines.get(1));
        assertEquals(String.format("CapEff:\t%016x", Capabilities.mask(Capabilities.DOCKER_DEFAULTS)), lines.get(2));
        assertEquals("00000000a80425fb", String.format("%016x", Capabilities.mask(Capabilities.DOCKER_DEFAULTS)));
        assertEquals("0", lines.get(3).trim(), "/proc/keys is masked");
        assertEquals("0", lines.get(4).trim(), "/proc/timer_list is masked");
        String devices = String.join(" ", lines.subList(5, lines.size() - 2));
        for (String node : List.of("null", "zero", "full", "random", "urandom", "tty", "pts", "shm", "mqueue")) {
            assertTrue(devices.contains(node), node + " in " + devices);
        }
        assertFalse(devices.contains("sda") || devices.contains("kmsg") || devices.contains("mem "), devices);
        assertEquals("box", lines.get(lines.size() - 2));
        assertEquals("3", lines.get(lines.size() - 1), "only the loopback interface (2 header lines + lo)");
    }

    @Test
    void userEnvAndWorkingDirComeFromTheImageAndTheConfig() {
        String id = run(ContainerConfig.builder("busybox:test").user("app").workingDir("/tmp").env("MINE", "1")
                .command("sh", "-c", "id; pwd; echo $PATH $IMAGE_VAR $MINE $HOME").build());
        assertEquals(0, engine.await(id).exitCode());
        assertEquals("uid=1000(app) gid=1000(app) groups=1000(app),2000(extra)\n/tmp\n/bin from-image 1 /home/app\n",
                stdout(id));
    }

    @Test
    void aMemoryLimitOomKillsAndTheStateSaysSo() {
        String id = run(ContainerConfig.builder("busybox:test")
                .resources(new ContainerConfig.Resources(32L << 20, 32L << 20, null, null, null, null, null))
                .command("sh", "-c", "tail /dev/zero; echo survived $?").build());
        ExitStatus status = engine.await(id);
        assertTrue(status.oomKilled(), "OOM kill reported: " + status + " logs " + engine.logs(id, LogQuery.ALL));
        assertTrue(engine.inspect(id).state().oomKilled());
    }

    @Test
    void aPidsLimitIsEnforced() {
        String id = run(ContainerConfig.builder("busybox:test")
                .resources(new ContainerConfig.Resources(null, null, null, null, null, null, 5L))
                .command("sh", "-c", "for i in 1 2 3 4 5 6 7 8; do sleep 5 & done; wait; echo done").build());
        engine.await(id);
        assertTrue(engine.logs(id, LogQuery.ALL).stream().anyMatch(e -> e.stream().equals("stderr")
                && e.line().contains("fork")), "forks beyond the pids limit fail: " + engine.logs(id, LogQuery.ALL));
    }

    @Test
    void stopKillsASigtermIgnoringPid1AfterTheGracePeriod() {
        String id = run(ContainerConfig.builder("busybox:test").command("sleep", "300").build());
        long start = System.nanoTime();
        ExitStatus status = engine.stop(id, Duration.ofSeconds(1));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(137, status.exitCode());
        assertTrue(millis >= 1000 && millis < 8000, "stopped after " + millis + " ms");
        assertEquals(ContainerStatus.EXITED, engine.inspect(id).state().status());
    }

    @Test
    void withInitTheStopSignalIsForwardedAtOnce() {
        String id = run(ContainerConfig.builder("busybox:test").init(true).command("sleep", "300").build());
        long start = System.nanoTime();
        ExitStatus status = engine.stop(id, Duration.ofSeconds(10));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(143, status.exitCode());
        assertTrue(millis < 5000, "stopped after " + millis + " ms");
    }

    @Test
    void execRunsInTheContainerWithItsEnvironment() {
        String id = run(ContainerConfig.builder("busybox:test").hostname("exechost").command("sleep", "300").build());
        ExecResult result = engine.exec(id, ExecConfig.of("sh", "-c", "hostname; echo $IMAGE_VAR; echo err >&2; exit 4"));
        assertEquals(new ExecResult(4, "exechost\nfrom-image\n", "err\n"), result);
        assertEquals("uid=1000(app) gid=1000(app) groups=1000(app),2000(extra)\n",
                engine.exec(id, new ExecConfig(List.of("id"), Map.of(), "app", null)).stdout());
        List<ProcessInfo> top = engine.top(id);
        assertEquals(1, top.size(), top.toString());
        assertEquals(List.of("sleep", "300"), top.get(0).args());
        assertEquals(top.get(0).pid(), engine.inspect(id).state().pid());
        ContainerStats stats = engine.stats(id);
        assertEquals(1, stats.pids());
        assertTrue(stats.memoryUsage() > 0 && stats.cpuNanos() > 0, stats.toString());
        engine.rename(id, "renamed");
        assertEquals(id, engine.inspect("renamed").id());
        engine.pause(id);
        assertEquals(ContainerStatus.PAUSED, engine.inspect(id).state().status());
        engine.unpause(id);
        assertEquals(ContainerStatus.RUNNING, engine.inspect(id).state().status());
    }

    @Test
    void aRunningContainerIsFrozenWhileItsFilesAreCopied() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").command("sh", "-c",
                "i=0; while true; do i=$((i+1)); echo $i > /tick; usleep 10000; done").build());
        Path tick = engine.withRootfs(id, root -> root.locate(root.resolve("/tick", true)).host());
        awaitTicks(tick);
        List<String> seenWhileCopying = engine.withRootfs(id, root -> {
            try {
                String first = Files.readString(tick);
                Thread.sleep(300);
                return List.of(first, Files.readString(tick));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(seenWhileCopying.get(0), seenWhileCopying.get(1), "no process ran during the copy");
        assertEquals(ContainerStatus.RUNNING, engine.inspect(id).state().status());
        String after = Files.readString(tick);
        Thread.sleep(300);
        assertFalse(after.equals(Files.readString(tick)), "the container runs again after the copy");
    }

    private static void awaitTicks(Path tick) throws Exception {
        for (int i = 0; i < 100 && !Files.exists(tick); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(tick), "the container writes " + tick);
    }

    @Test
    void aNewEngineInstanceFindsContainersAndListsByLabels() {
        String id = engine.create(ContainerConfig.builder("busybox:test").name("kept").label("com.example.app", "web")
                .command("true").build());
        engine.create(ContainerConfig.builder("busybox:test").label("com.example.app", "db").command("true").build());
        engine.close();
        engine = ScratchEngine.open(temp);
        assertEquals(id, engine.inspect("kept").id());
        assertEquals(List.of(id), engine.list(Map.of("com.example.app", "web")).stream().map(ContainerInfo::id).toList());
        assertEquals(2, engine.list(java.util.Collections.singletonMap("com.example.app", null)).size());
        assertThrows(EngineException.Conflict.class, () -> engine.create(ContainerConfig.builder("busybox:test")
                .name("kept").command("true").build()));
        engine.start(id);
        assertEquals(0, engine.await(id).exitCode());
    }

    @Test
    void removeDeletesEverythingTheContainerMade() {
        String id = run(ContainerConfig.builder("busybox:test").command("sleep", "300").build());
        assertThrows(EngineException.Conflict.class, () -> engine.remove(id, false));
        engine.remove(id, true);
        assertFalse(Files.exists(temp.resolve("lib/containers/" + id)));
        assertFalse(Files.exists(temp.resolve("lib/snapshots/" + id)));
        assertFalse(Files.exists(temp.resolve("run/containers/" + id)));
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/pids/berth/" + id)));
        assertThrows(EngineException.NotFound.class, () -> engine.inspect(id));
    }

    private ContainerInfo poll(String id, java.util.function.Predicate<ContainerInfo> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ContainerInfo info = engine.inspect(id);
        while (!done.test(info) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            info = engine.inspect(id);
        }
        return info;
    }

    @Test
    void aCrashLoopingContainerRestartsWithGrowingDelays() {
        String id = run(ContainerConfig.builder("busybox:test").restart("on-failure:4")
                .command("sh", "-c", "echo run; exit 1").build());
        ContainerInfo info = poll(id, i -> i.state().status() == ContainerStatus.EXITED, Duration.ofSeconds(30));
        assertEquals(ContainerStatus.EXITED, info.state().status());
        assertEquals(4, info.state().restartCount());
        assertEquals(1, info.state().exitCode());
        List<LogEntry> runs = engine.logs(id, LogQuery.ALL);
        assertEquals(5, runs.size(), runs.toString());
        List<Long> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            gaps.add(Duration.between(runs.get(i - 1).time(), runs.get(i).time()).toMillis());
        }
        for (int i = 0; i < gaps.size(); i++) {
            assertTrue(gaps.get(i) >= 100L << i, "gap " + i + " at least the backoff: " + gaps);
        }
        assertTrue(gaps.get(3) > gaps.get(0) + 400, "delays grow: " + gaps);
    }

    @Test
    void unlessStoppedStaysStoppedAfterStopEvenAcrossEngineRestarts() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").restart("unless-stopped").init(true)
                .command("sleep", "300").build());
        engine.stop(id, Duration.ofSeconds(5));
        Thread.sleep(500);
        ContainerInfo info = engine.inspect(id);
        assertEquals(ContainerStatus.EXITED, info.state().status());
        assertEquals(0, info.state().restartCount());
        assertTrue(info.state().stoppedByUser());
        engine.close();
        engine = ScratchEngine.open(temp);
        assertEquals(ContainerStatus.EXITED, engine.inspect(id).state().status());
    }

    @Test
    void anAlwaysContainerRestartsAfterExitUntilStopped() {
        String id = run(ContainerConfig.builder("busybox:test").restart("always").command("true").build());
        ContainerInfo info = poll(id, i -> i.state().restartCount() >= 2, Duration.ofSeconds(20));
        assertTrue(info.state().restartCount() >= 2, "restarts: " + info.state());
        engine.stop(id, Duration.ofSeconds(2));
        int count = engine.inspect(id).state().restartCount();
        ContainerInfo after = poll(id, i -> i.state().restartCount() > count, Duration.ofSeconds(1));
        assertEquals(count, after.state().restartCount(), "an explicit stop cancels restarts");
        assertFalse(after.state().isRunning());
    }

    @Test
    void aFailingHealthcheckTurnsUnhealthyAfterRetries() {
        String bad = run(ContainerConfig.builder("busybox:test").init(true).command("sleep", "300")
                .healthcheck(new ContainerConfig.Healthcheck(List.of("CMD-SHELL", "echo probing; exit 1"), 200, 5000, 2, 0, 0))
                .build());
        String good = run(ContainerConfig.builder("busybox:test").init(true).command("sleep", "300")
                .healthcheck(new ContainerConfig.Healthcheck(List.of("CMD", "true"), 200, 5000, 2, 0, 0)).build());
        assertEquals("starting", engine.inspect(bad).state().health().status());
        ContainerInfo badInfo = poll(bad, i -> i.state().health().status().equals("unhealthy"), Duration.ofSeconds(20));
        assertEquals("unhealthy", badInfo.state().health().status());
        assertTrue(badInfo.state().health().failingStreak() >= 2);
        assertEquals("probing\n", badInfo.state().health().log().get(0).output());
        assertEquals(1, badInfo.state().health().log().get(0).exitCode());
        ContainerInfo goodInfo = poll(good, i -> i.state().health().status().equals("healthy"), Duration.ofSeconds(20));
        assertEquals("healthy", goodInfo.state().health().status());
    }

    @Test
    void theImageHealthcheckAppliesWhenTheContainerHasNone() throws Exception {
        dev.berth.embedded.image.Image base = engine.images().resolve("busybox:test");
        java.nio.file.Path layer = temp.resolve("layer.tar");
        try (java.io.InputStream in = engine.images().blobs().open(base.layers().get(0).parsedDigest())) {
            Files.copy(in, layer);
        }
        dev.berth.embedded.image.ImageConfig.Defaults defaults = new dev.berth.embedded.image.ImageConfig.Defaults(
                null, List.of("PATH=/bin"), null, List.of("sleep", "300"), null, null, null, null, null,
                new dev.berth.embedded.image.ImageConfig.HealthConfig(List.of("CMD-SHELL", "exit 0"), 200_000_000L,
                        0, 0, 0, 1));
        new dev.berth.embedded.image.ImageWriter(engine.images()).commit("healthy:test", defaults, List.of(layer));
        String id = run(ContainerConfig.builder("healthy:test").init(true).build());
        ContainerInfo info = poll(id, i -> i.state().health() != null && i.state().health().status().equals("healthy"),
                Duration.ofSeconds(20));
        assertEquals("healthy", info.state().health().status());
    }

    @Test
    void forceRemovingARestartingContainerLeavesNothingBehind() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").restart("always").command("true").build());
        poll(id, i -> i.state().restartCount() >= 1, Duration.ofSeconds(20));
        engine.remove(id, true);
        Thread.sleep(300);
        assertThrows(EngineException.NotFound.class, () -> engine.inspect(id));
        assertFalse(Files.exists(temp.resolve("lib/snapshots/" + id)));
        assertEquals(List.of(), Mounts.mountsUnder(temp));
    }

    @Test
    void aMissingExecutableFailsTheStartWithTheRuntimeMessage() {
        String id = engine.create(ContainerConfig.builder("busybox:test").command("/no/such/binary").build());
        RuntimeException failure = assertThrows(RuntimeException.class, () -> engine.start(id));
        assertTrue(failure.getMessage().contains("no such file"), failure.getMessage());
        ContainerInfo info = engine.inspect(id);
        assertEquals(ContainerStatus.EXITED, info.state().status());
        assertTrue(info.state().error().contains("no such file"), info.state().error());
        assertEquals(List.of(), Mounts.mountsUnder(temp));
    }
}
