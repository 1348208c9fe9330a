package dev.berth.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.logs.JsonFileLogReader;
import dev.berth.embedded.logs.LogEntry;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.oci.CgroupParent;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.shim.ExecTerminal;
import dev.berth.embedded.shim.OutputFrame;
import dev.berth.embedded.shim.ShimAttachment;
import dev.berth.embedded.shim.ShimDirectory;
import dev.berth.embedded.shim.ShimSockets;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.testing.ScratchEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers under berth-shim, on runc as root: what the shim writes to the log, stdin and attach, terminals, and
 * what a new engine learns from the shims of containers that ran or ended while no engine was there.
 */
class ShimSupervisionTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    EmbeddedEngine engine;

    @BeforeEach
    void open() {
        ContainerHost.assumeContainersCanRun();
        engine = openEngine();
        BusyboxImage.build(engine.images(), "busybox:test", temp);
    }

    private EmbeddedEngine openEngine() {
        return ScratchEngine.open(temp);
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

    private Path shimFile(String id, String name) {
        return temp.resolve("run/containers").resolve(id).resolve(name);
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static String text(List<LogEntry> entries) {
        StringBuilder out = new StringBuilder();
        entries.forEach(e -> out.append(e.line()));
        return out.toString();
    }

    /** Everything the attachment delivers until the container's output ends. */
    private static String drain(ShimAttachment attachment) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Optional<OutputFrame> frame = attachment.next(); frame.isPresent(); frame = attachment.next()) {
            out.append(new String(frame.get().payload(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void theLogIsDockersJsonFileFormatWithEscapesReplacementsAndSplitLongLines() {
        String id = run(ContainerConfig.builder("busybox:test").command("sh", "-c",
                "printf 'a \"quoted\"\\ttab\\n'; printf '\\377bad\\n' >&2; head -c 20000 /dev/zero | tr '\\0' x;"
                        + " echo; printf 'no newline'").build());
        assertEquals(0, engine.await(id).exitCode());
        List<LogEntry> stdout = engine.logs(id, new LogQuery(true, false, null, null, -1, false));
        assertEquals("a \"quoted\"\ttab\n", stdout.get(0).line());
        assertEquals("x".repeat(16 * 1024), stdout.get(1).line(), "a line is split after 16 KiB, as Docker does");
        assertEquals("x".repeat(20000 - 16 * 1024) + "\n", stdout.get(2).line());
        assertEquals("no newline", stdout.get(3).line(), "the unfinished last line is written at the end");
        assertEquals(List.of("\ufffdbad\n"), engine.logs(id, new LogQuery(false, true, null, null, -1, false)).stream()
                .map(LogEntry::line).toList(), "invalid UTF-8 becomes U+FFFD");
        assertTrue(raw(id).get(0).matches("\\{\"log\":\"a \\\\\"quoted\\\\\"\\\\ttab\\\\n\",\"stream\":\"stdout\","
                + "\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z\"}"), raw(id).get(0));
    }

    private List<String> raw(String id) {
        try {
            return Files.readAllLines(engine.logPath(id), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theLogRotatesByMaxSizeKeepingMaxFiles() {
        String id = run(ContainerConfig.builder("busybox:test").logRotation(400, 2)
                .command("sh", "-c", "seq 1 60").build());
        assertEquals(0, engine.await(id).exitCode());
        assertTrue(Files.exists(JsonFileLogReader.rotated(engine.logPath(id), 1)));
        assertFalse(Files.exists(JsonFileLogReader.rotated(engine.logPath(id), 2)));
        List<String> kept = engine.logs(id, LogQuery.ALL).stream().map(LogEntry::line).toList();
        assertEquals("60\n", kept.get(kept.size() - 1));
        for (int i = 1; i < kept.size(); i++) {
            assertEquals(Integer.parseInt(kept.get(i - 1).strip()) + 1, Integer.parseInt(kept.get(i).strip()));
        }
        assertTrue(kept.size() < 60, "older records were rotated away: " + kept.size());
    }

    @Test
    void anExitWhileNoEngineRanIsRecordedWithItsCodeAndItsOutputIsInTheLog() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").command("sh", "-c",
                "echo before; sleep 1; echo while-the-engine-was-away; exit 7").build());
        engine.close();
        await("the shim's exit record", () -> Files.exists(shimFile(id, "exit")));
        engine = openEngine();
        ContainerInfo info = engine.inspect(id);
        assertEquals(ContainerStatus.EXITED, info.state().status());
        assertEquals(7, info.state().exitCode());
        assertNull(info.state().error());
        assertEquals(new ExitStatus(7, false), engine.await(id));
        assertEquals("before\nwhile-the-engine-was-away\n", text(engine.logs(id, LogQuery.ALL)));
        assertFalse(Files.exists(shimFile(id, "exit")), "the exit record was taken over");
    }

    @Test
    void aNewEngineReOwnsARunningContainerAttachWithStdinAndItsExit() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").openStdin(true, false).command("sh", "-c",
                "echo ready; while read line; do echo \"got $line\"; [ \"$line\" = bye ] && exit 4; done").build());
        engine.close();
        engine = openEngine();
        assertEquals(ContainerStatus.RUNNING, engine.inspect(id).state().status());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ShimAttachment attachment = engine.attach(id, true, true).orElseThrow()) {
                attachment.stdin().write("hello\nbye\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("ready\ngot hello\ngot bye\n", drain(attachment), "replayed and live output");
            }
            assertEquals(new ExitStatus(4, false), engine.await(id));
        });
        assertEquals("ready\ngot hello\ngot bye\n", text(engine.logs(id, LogQuery.ALL)));
        assertEquals(4, engine.inspect(id).state().exitCode());
        assertTrue(engine.attach(id, true, false).isEmpty(), "nothing to attach to once it exited");
    }

    @Test
    void stdinOnceEndsTheContainersInputWhenTheAttachedClientEndsIt() {
        String id = run(ContainerConfig.builder("busybox:test").openStdin(true, true).command("cat").build());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ShimAttachment attachment = engine.attach(id, true, false).orElseThrow()) {
                OutputStream stdin = attachment.stdin();
                stdin.write("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
                stdin.close();
                assertEquals("one\ntwo\n", drain(attachment));
            }
            assertEquals(0, engine.await(id).exitCode(), "cat saw the end of its input");
        });
    }

    @Test
    void aContainerStartedButNotRecordedAsStartedIsAdoptedAsRunning() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").init(true).command("sleep", "300").build());
        int pid = engine.inspect(id).state().pid();
        engine.close();
        // what a kill of the engine between the shim's start and the engine's record leaves behind
        ContainerStore store = new ContainerStore(temp.resolve("lib/containers"));
        store.save(store.get(id).orElseThrow().withState(ContainerState.CREATED));
        engine = openEngine();
        ContainerInfo info = engine.inspect(id);
        assertEquals(ContainerStatus.RUNNING, info.state().status());
        assertEquals(pid, info.state().pid());
        assertTrue(info.state().startedAt() != null);
        assertEquals(143, engine.stop(id, Duration.ofSeconds(5)).exitCode(), "stopped through the adopted shim");
    }

    @Test
    void theShimSignalsTheInitWhileItRunsAndRefusesOnceItHasEnded() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").command("sh", "-c",
                "trap 'echo got-usr1' USR1; trap 'exit 7' TERM; echo ready; while true; do sleep 0.05; done").build());
        await("the traps", () -> text(engine.logs(id, LogQuery.ALL)).contains("ready"));
        ShimDirectory shim = new ShimSockets(temp.resolve("run")).container(id, temp.resolve("run/containers").resolve(id));
        assertTrue(shim.signal(10));
        await("USR1 handled", () -> text(engine.logs(id, LogQuery.ALL)).contains("got-usr1"));
        assertTrue(shim.signal(15));
        assertTimeoutPreemptively(LIMIT, () -> assertEquals(7, engine.await(id).exitCode()));
        assertFalse(shim.signal(15), "no init to signal any more");
    }

    @Test
    void aStoppedContainerLeavesNeitherRuncStateNorCgroups() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").command("sh", "-c",
                "trap 'exit 0' TERM; echo ready; sleep 300 & wait").build());
        assertFalse(cgroupsOf(id).isEmpty(), "a running container has cgroups");
        await("the trap", () -> text(engine.logs(id, LogQuery.ALL)).contains("ready"));
        assertEquals(0, engine.stop(id, Duration.ofSeconds(20)).exitCode(), "the TERM trap ran");
        // the stop returns once the exit is recorded; the runtime's state goes right after
        await("runc's state to go", () -> !Files.exists(temp.resolve("run/runc").resolve(id)));
        assertEquals(List.of(), cgroupsOf(id));
        engine.remove(id, false);
    }

    /** The container's cgroup directories in any hierarchy (v1 controllers, the v2 tree). */
    private static List<Path> cgroupsOf(String id) {
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            return java.util.stream.Stream.concat(hierarchies, java.util.stream.Stream.of(Path.of("/sys/fs/cgroup")))
                    .map(h -> h.resolve(CgroupParent.NAME).resolve(id)).filter(Files::exists).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aContainerWhoseShimDiesIsKilledAndRecordedAsSuch() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").command("sleep", "300").build());
        long shim = Long.parseLong(Files.readString(shimFile(id, "shim.pid")).strip());
        new ProcessBuilder("kill", "-9", Long.toString(shim)).start().waitFor();
        assertTimeoutPreemptively(LIMIT, () -> assertEquals(137, engine.await(id).exitCode()));
        ContainerInfo info = engine.inspect(id);
        assertEquals(ContainerStatus.EXITED, info.state().status());
        assertTrue(info.state().error().contains("berth-shim"), info.state().error());
        assertFalse(Files.exists(temp.resolve("run/runc").resolve(id)), "runc's state is gone with the container");
    }

    @Test
    void aContainerWithATerminalGetsAPtyThatResizes() {
        String id = run(ContainerConfig.builder("busybox:test").tty(true).openStdin(true, false)
                .command("sh", "-c", "tty; read x; stty size; exit 3").build());
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ShimAttachment attachment = engine.attach(id, true, true).orElseThrow()) {
                StringBuilder output = new StringBuilder();
                while (!output.toString().contains("/dev/pts/0\r\n")) {
                    output.append(new String(attachment.next().orElseThrow().payload(), StandardCharsets.UTF_8));
                }
                engine.resize(id, 30, 100);
                attachment.stdin().write("\n".getBytes(StandardCharsets.UTF_8));
                output.append(drain(attachment));
                assertTrue(output.toString().startsWith("/dev/pts/0\r\n"), output.toString());
                assertTrue(output.toString().contains("30 100\r\n"), output.toString());
            }
            assertEquals(3, engine.await(id).exitCode());
        });
        assertTrue(text(engine.logs(id, LogQuery.ALL)).contains("30 100\r\n"), "terminal output is logged as stdout");
    }

    @Test
    void execWithATerminalRunsOnAPtyAndResizes() throws Exception {
        String id = run(ContainerConfig.builder("busybox:test").init(true).command("sleep", "300").build());
        ExecTerminal terminal = new ExecTerminal();
        terminal.resize(24, 80);
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        OutputStream output = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (screen) {
                    screen.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (screen) {
                    screen.write(b, off, len);
                }
            }
        };
        CompletableFuture<Integer> exec = CompletableFuture.supplyAsync(() -> engine.execWithTerminal(id,
                ExecConfig.of("sh", "-c", "tty; stty size; echo $TERM; read x; stty size; exit 5"), stdin, output,
                terminal));
        await("the first size", () -> screenText(screen).contains("xterm"));
        terminal.resize(50, 132);
        keyboard.write("\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        assertEquals(5, exec.get(30, TimeUnit.SECONDS));
        String text = screenText(screen);
        assertTrue(text.startsWith("/dev/pts/"), text);
        assertTrue(text.contains("24 80\r\nxterm\r\n"), "the size set before the start, and TERM: " + text);
        assertTrue(text.contains("50 132\r\n"), text);
        keyboard.close();
    }

    private static String screenText(ByteArrayOutputStream screen) {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }
}
