package dev.berth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.api.cleanup.OwnerLabellingRuntime;
import dev.berth.api.cleanup.StackOwner;
import dev.berth.api.wait.ServiceNotReadyException;
import dev.berth.api.wait.WaitStrategy;
import dev.berth.model.problem.ComposeException;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeRuntimeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API on the fake runtime: start, wait, inspect, exec, save logs, and every way of ending. */
class BerthStackTest {
    @TempDir
    Path dir;

    private final FakeRuntime runtime = (FakeRuntime) new FakeRuntimeProvider().open();

    private BerthStack stack(String yaml) {
        return BerthStack.fromFile(FakeStacks.write(dir, yaml)).runtime(() -> runtime);
    }

    @Test
    void startsWaitsAndTearsDownWithVolumes() throws Exception {
        RunningStack stack = stack(FakeStacks.WEB).waitFor("web", WaitStrategy.logMessage("listening")).start();
        String project = stack.projectName();
        assertTrue(project.matches("berth-[0-9a-f]{8}"), project);
        assertEquals(List.of("container " + project + "-web-1", "network " + project + "_default",
                "volume " + project + "_data"), FakeStacks.resources(runtime, project));

        ServiceHandle web = stack.service("web");
        assertEquals("web listening\n", web.logs());
        assertEquals("hello\n", web.exec("sh", "-c", "echo hello").stdout());
        assertEquals(7, web.exec("sh", "-c", "exit 7").exitCode());

        List<Path> logs = stack.saveLogs(dir.resolve("logs"));
        assertEquals(List.of(dir.resolve("logs/web.log")), logs);
        assertEquals("web listening\n", Files.readString(logs.get(0)));

        assertTrue(stack.close(false));
        assertEquals(List.of(), FakeStacks.resources(runtime, project));
        assertTrue(stack.close(false), "closing twice does nothing");
    }

    @Test
    void keepVolumesLeavesTheNamedVolume() throws Exception {
        RunningStack stack = stack(FakeStacks.WEB).teardown(Teardown.downWithVolumes().withKeepVolumes(true))
                .projectName("kept").start();
        stack.close();
        assertEquals(List.of("volume kept_data"), FakeStacks.resources(runtime, "kept"));
    }

    @Test
    void withoutWaitsStartWaitsLikeUpWaitAndAOneShotThatExitedZeroIsDone() throws Exception {
        try (RunningStack stack = stack("""
                services:
                  migrate:
                    image: busybox:latest
                    command: ["sh", "-c", "echo migrated"]
                  app:
                    image: busybox:latest
                    command: ["sh", "-c", "sleep infinity"]
                    depends_on:
                      migrate: {condition: service_completed_successfully}
                """).start()) {
            assertEquals("migrated\n", stack.service("migrate").logs());
            assertTrue(stack.service("app").containers().get(0).state().running());
        }
    }

    @Test
    void aFailingServiceTakesTheStackDownAndItsLogsAreSaved() {
        BerthStack failing = stack("""
                services:
                  app:
                    image: busybox:latest
                    command: ["sh", "-c", "echo cannot reach the database; exit 1"]
                """).projectName("failing").waitFor("app", WaitStrategy.logMessage("started"))
                .failureLogDirectory(dir.resolve("failure"));
        StackStartException e = assertThrows(StackStartException.class, failing::start);
        assertTrue(e.getMessage().startsWith("service app failed while waiting for log /started/: container"
                + " failing-app-1 exited with code 1"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(service logs: " + dir.resolve("failure") + ")"), e.getMessage());
        assertTrue(e.getCause() instanceof ServiceNotReadyException);
        assertEquals(List.of(dir.resolve("failure/app.log")), e.logFiles());
        assertEquals(List.of(), FakeStacks.resources(runtime, "failing"));
    }

    @Test
    void keepOnFailureLeavesAFailedStackForInspection() throws Exception {
        BerthStack kept = stack(FakeStacks.WEB).projectName("inspect")
                .teardown(Teardown.downWithVolumes().withKeepOnFailure(true));
        RunningStack stack = kept.start();
        assertFalse(stack.close(true));
        assertEquals(3, FakeStacks.resources(runtime, "inspect").size());

        StackStartException e = assertThrows(StackStartException.class, () -> kept.projectName("timeout")
                .waitFor("web", WaitStrategy.logMessage("never")).startupTimeout(Duration.ofMillis(300)).start());
        assertTrue(e.getMessage().contains("was not ready after 0s"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(kept for inspection: berth -p timeout ps)"), e.getMessage());
        assertEquals(3, FakeStacks.resources(runtime, "timeout").size());
    }

    @Test
    void startTakesDownTheStacksOfDeadJvms() throws Exception {
        StackOwner reusedPid = new StackOwner(ProcessHandle.current().pid(), Optional.of(1L));
        FakeStacks.up(new OwnerLabellingRuntime(runtime, reusedPid), FakeStacks.write(dir, FakeStacks.WEB), "crashed");
        List<String> warnings = new java.util.ArrayList<>();
        try (RunningStack stack = stack(FakeStacks.WEB).warnings(warnings::add).start()) {
            assertEquals(List.of(), FakeStacks.resources(runtime, "crashed"));
            assertEquals(List.of("took down project crashed, left by a process that died"), warnings);
            assertEquals(3, FakeStacks.resources(runtime, stack.projectName()).size());
        }
    }

    @Test
    void anUnknownServiceNamesTheOnesThereAre() throws Exception {
        try (RunningStack stack = stack(FakeStacks.WEB).start()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stack.service("db"));
            assertEquals("no service db in project " + stack.projectName() + " (services: web)", e.getMessage());
            IllegalStateException port = assertThrows(IllegalStateException.class,
                    () -> stack.service("web").port(80));
            assertTrue(port.getMessage().startsWith("port 80 of service web is not published"), port.getMessage());
        }
    }

    @Test
    void anInvalidFileStartsNothing() {
        assertThrows(ComposeException.class, () -> stack("services:\n  web:\n    image: [1]\n").start());
        assertEquals(List.of(), runtime.calls());
    }

    @Test
    void interpolationTakesTheBuilderEnvironment() throws Exception {
        try (RunningStack stack = stack(FakeStacks.WEB.replace("echo web listening", "echo port ${PORT}"))
                .env("PORT", "8081").start()) {
            assertEquals("port 8081\n", stack.service("web").logs());
        }
    }
}
