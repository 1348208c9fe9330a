package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The berth command, as a separate process, runs a stack on the embedded engine (runc) with a local
 * FROM-scratch busybox image: up (attached), ps, down — and leaves no container, mount or state behind. The first
 * command starts the {@code berth engine} daemon; the teardown stops it with {@code berth engine stop}.
 */
class EmbeddedStackEndToEndTest {

    private Path root;
    private Path runDir;
    private Path project;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        ContainerHost.assumeContainersCanRun();
        root = Files.createTempDirectory("berth-e2e-root");
        runDir = Files.createTempDirectory("berth-e2e-run");
        project = Files.createTempDirectory("berth-e2e-project");
        BusyboxImage.build(ImageStore.open(root.resolve("images")), "e2e/busybox:latest",
                Files.createTempDirectory(root, "image-work"));
        Files.writeString(project.resolve("compose.yaml"), """
                name: e2e
                services:
                  migrate:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "echo migrated $$GREETING"]
                    environment:
                      GREETING: ${GREETING:-from-default}
                  app:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "echo app after migrate; sleep 1; echo app done"]
                    depends_on:
                      migrate:
                        condition: service_completed_successfully
                  server:
                    image: e2e/busybox:latest
                    profiles: ["detached"]
                    command: ["sh", "-c", "echo server ready; exec sleep 3600"]
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (root == null) {
            return;
        }
        berth("--profile", "detached", "down");
        Optional<Long> enginePid = readPid(runDir.resolve("engine.pid"));
        Run stop = berth("engine", "stop");
        assertEquals(0, stop.code(), stop.err());
        enginePid.ifPresent(pid -> assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "the engine (pid " + pid + ") is gone after berth engine stop"));
        Run status = berth("engine", "status");
        assertEquals(1, status.code(), status.out() + status.err());
        assertTrue(status.out().contains("not running"), status.out());
        for (Path dir : List.of(project, runDir, root)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void upPsDownOnTheEmbeddedEngine() throws Exception {
        Run up = berth("up");
        assertEquals(0, up.code(), up.err());
        assertTrue(up.err().contains("using runtime embedded"), up.err());
        assertTrue(up.err().contains("started berth engine (pid "), "the first command starts the engine: "
                + up.err());
        String out = up.out() + up.err();
        assertTrue(out.contains("migrated from-default"), out);
        assertTrue(out.contains("app done"), out);
        int migrateDone = up.err().indexOf("AwaitService migrate service_completed_successfully done");
        assertTrue(migrateDone >= 0 && migrateDone < up.err().indexOf("StartContainer e2e-app-1"),
                "app starts only after migrate completed: " + up.err());

        Run ps = berth("ps", "-a");
        assertEquals(0, ps.code(), ps.err());
        assertTrue(ps.out().matches("(?s).*e2e-app-1 .*exited \\(0\\).*"), ps.out());
        assertTrue(ps.out().matches("(?s).*e2e-migrate-1 .*exited \\(0\\).*"), ps.out());

        Run down = berth("down");
        assertEquals(0, down.code(), down.err());
        Run after = berth("ps", "-a");
        assertFalse(after.out().contains("e2e-"), after.out());
        assertFalse(Files.readString(Path.of("/proc/self/mounts")).contains(root.toString()),
                "no overlay mount of the test engine is left");
    }

    @Test
    void aSecondCtrlCKillsContainersThatIgnoreTheStopSignal() throws Exception {
        Files.writeString(project.resolve("compose.yaml"), """
                name: e2e
                services:
                  stubborn:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "echo ready; sleep 3600"]
                """);
        try (BerthProcess up = BerthProcess.start(project, Map.of("BERTH_ROOT", root.toString(),
                "BERTH_RUN_DIR", runDir.toString()), "--progress", "plain", "up", "-t", "60")) {
            up.awaitOutput("ready", Duration.ofSeconds(60));
            up.interrupt();
            up.awaitOutput("Gracefully stopping... (press Ctrl+C again to force)", Duration.ofSeconds(10));
            long pressedAgain = System.nanoTime();
            up.interrupt();
            assertEquals(130, up.exitCode(Duration.ofSeconds(40)), up.err());
            assertTrue(Duration.ofNanos(System.nanoTime() - pressedAgain).toSeconds() < 30,
                    "the second Ctrl-C kills at once instead of waiting out the 60 s stop timeout");
            assertTrue(up.err().contains("Container e2e-stubborn-1 Killed"), up.err());
        }
        Run ps = berth("ps", "-a");
        assertTrue(ps.out().matches("(?s).*e2e-stubborn-1 .*exited \\(137\\).*"), ps.out());
    }

    @Test
    void detachedUpLeavesTheServiceRunningAfterTheCliExits() throws Exception {
        Run up = berth("--profile", "detached", "up", "-d", "server");
        assertEquals(0, up.code(), up.err());

        Run ps = berth("--profile", "detached", "ps");
        assertEquals(0, ps.code(), ps.err());
        assertTrue(ps.out().matches("(?s).*e2e-server-1 .*running.*"), "still running after up -d returned: "
                + ps.out());

        Run logs = awaitLogs("server ready");
        assertTrue(logs.out().contains("server ready"), logs.out() + logs.err());

        Run down = berth("--profile", "detached", "down");
        assertEquals(0, down.code(), down.err());
        Run after = berth("--profile", "detached", "ps", "-a");
        assertFalse(after.out().contains("e2e-server"), after.out());
    }

    private Run awaitLogs(String expected) throws IOException, InterruptedException {
        Run logs = berth("--profile", "detached", "logs", "server");
        for (int i = 0; i < 50 && !logs.out().contains(expected); i++) {
            Thread.sleep(100);
            logs = berth("--profile", "detached", "logs", "server");
        }
        return logs;
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code berth} in its own JVM with the test's class path, in the project directory. */
    private Run berth(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main", "--progress", "plain"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().put("BERTH_ROOT", root.toString());
        pb.environment().put("BERTH_RUN_DIR", runDir.toString());
        pb.environment().remove("GREETING");
        Path out = Files.createTempFile("berth-e2e", ".out");
        Path err = Files.createTempFile("berth-e2e", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
