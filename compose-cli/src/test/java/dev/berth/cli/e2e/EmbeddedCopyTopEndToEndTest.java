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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The berth command, as a separate process on the embedded engine: cp a file into a running service and back out,
 * and top lists the service's process. The first command starts the engine daemon; the teardown stops it.
 */
class EmbeddedCopyTopEndToEndTest {

    private Path root;
    private Path runDir;
    private Path project;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        ContainerHost.assumeContainersCanRun();
        root = Files.createTempDirectory("berth-e2e-cp-root");
        runDir = Files.createTempDirectory("berth-e2e-cp-run");
        project = Files.createTempDirectory("berth-e2e-cp-project");
        BusyboxImage.build(ImageStore.open(root.resolve("images")), "e2e/busybox:latest",
                Files.createTempDirectory(root, "image-work"));
        Files.writeString(project.resolve("compose.yaml"), """
                name: e2ecp
                services:
                  box:
                    image: e2e/busybox:latest
                    command: ["sleep", "300"]
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (root == null) {
            return;
        }
        berth("down", "-t", "0");
        java.util.Optional<Long> enginePid = readPid(runDir.resolve("engine.pid"));
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
    void copyInAndOutThenTop() throws Exception {
        Run up = berth("up", "-d");
        assertEquals(0, up.code(), up.err());

        Files.writeString(project.resolve("greeting.txt"), "hello from the host\n");
        Run in = berth("cp", "greeting.txt", "box:/tmp/");
        assertEquals(0, in.code(), in.err());
        Run out = berth("cp", "box:/tmp/greeting.txt", "back.txt");
        assertEquals(0, out.code(), out.err());
        assertEquals("hello from the host\n", Files.readString(project.resolve("back.txt")));
        Run dir = berth("cp", "box:/etc", "etc-copy");
        assertEquals(0, dir.code(), dir.err());
        assertTrue(Files.isRegularFile(project.resolve("etc-copy/hostname")), "a directory copies with its files");

        Run top = berth("top");
        assertEquals(0, top.code(), top.err());
        List<String> lines = top.out().lines().toList();
        assertEquals("e2ecp-box-1", lines.get(0), top.out());
        assertTrue(lines.get(1).matches("UID\\s+PID\\s+PPID\\s+C\\s+STIME\\s+TTY\\s+TIME\\s+CMD"), top.out());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("sleep 300")), top.out());
    }

    private static java.util.Optional<Long> readPid(Path pidFile) {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
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
