package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tty: true} in a Compose file on the embedded engine: the service's process runs on a pseudo-terminal
 * ({@code tty} names it, {@code stty} sets and reads its size) and its output reaches {@code berth logs}; a service
 * without it has no terminal.
 */
class EmbeddedTtyEndToEndTest {

    private Path root;
    private Path runDir;
    private Path project;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        ContainerHost.assumeContainersCanRun();
        root = Files.createTempDirectory("berth-e2e-tty-root");
        runDir = Files.createTempDirectory("berth-e2e-tty-run");
        project = Files.createTempDirectory("berth-e2e-tty-project");
        BusyboxImage.build(ImageStore.open(root.resolve("images")), "e2e/busybox:latest",
                Files.createTempDirectory(root, "image-work"));
        Files.writeString(project.resolve("compose.yaml"), """
                name: e2etty
                services:
                  console:
                    image: e2e/busybox:latest
                    tty: true
                    stdin_open: true
                    command: ["sh", "-c", "tty && stty rows 24 cols 80 && stty size && echo terminal-ok; exec sleep 300"]
                  plain:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "tty || echo no-terminal; exec sleep 300"]
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (root == null) {
            return;
        }
        berth("down", "-t", "0");
        Optional<Long> enginePid = readPid(runDir.resolve("engine.pid"));
        Run stop = berth("engine", "stop");
        assertEquals(0, stop.code(), stop.err());
        enginePid.ifPresent(pid -> assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
                "the engine (pid " + pid + ") is gone after berth engine stop"));
        for (Path dir : List.of(project, runDir, root)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void aTtyServiceRunsOnAPseudoTerminalAndSttyWorks() throws Exception {
        Run up = berth("up", "-d");
        assertEquals(0, up.code(), up.err());
        String console = awaitLogs("console", "terminal-ok");
        assertTrue(console.contains("/dev/pts/0"), console);
        assertTrue(console.contains("24 80"), "stty set and read the terminal's size: " + console);
        String plain = awaitLogs("plain", "no-terminal");
        assertTrue(plain.contains("not a tty"), plain);
    }

    /** {@code berth logs --no-log-prefix SERVICE} once it shows {@code marker}. */
    private String awaitLogs(String service, String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Run logs = berth("logs", "--no-log-prefix", service);
            assertEquals(0, logs.code(), logs.err());
            if (logs.out().contains(marker) || System.nanoTime() > deadline) {
                return logs.out();
            }
            Thread.sleep(200);
        }
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
        Path out = Files.createTempFile("berth-e2e", ".out");
        Path err = Files.createTempFile("berth-e2e", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        try {
            Process process = pb.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
