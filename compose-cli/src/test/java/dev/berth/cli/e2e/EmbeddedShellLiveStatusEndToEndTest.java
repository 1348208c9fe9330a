package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.testing.TmuxTerminal;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code berth shell} under a real pseudo-terminal (tmux) on the embedded engine, while a second berth process
 * stops and starts a service: the shell's status bar follows without anything typed — at the prompt, leaving the
 * line being typed as it was, and while {@code logs -f} runs. The teardown takes the stack down and stops the engine.
 */
class EmbeddedShellLiveStatusEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Path root;
    private Path runDir;
    private Path project;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        ContainerHost.assumeContainersCanRun();
        TmuxTerminal.assumeTmux();
        root = Files.createTempDirectory("berth-e2e-live-root");
        runDir = Files.createTempDirectory("berth-e2e-live-run");
        project = Files.createTempDirectory("berth-e2e-live-project");
        env = Map.of("BERTH_ROOT", root.toString(), "BERTH_RUN_DIR", runDir.toString(),
                "BERTH_HISTORY", project.resolve("history").toString());
        BusyboxImage.build(ImageStore.open(root.resolve("images")), "e2e/busybox:latest",
                Files.createTempDirectory(root, "image-work"));
        Files.writeString(project.resolve("compose.yaml"), """
                name: live
                services:
                  db:
                    image: e2e/busybox:latest
                    command: ["sleep", "3600"]
                  web:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "echo web ready; exec sleep 3600"]
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (root == null) {
            return;
        }
        berth("down", "-t", "0");
        Optional<Long> enginePid = Optional.of(runDir.resolve("engine.pid")).filter(Files::exists)
                .map(EmbeddedShellLiveStatusEndToEndTest::readPid);
        berth("engine", "stop");
        enginePid.ifPresent(pid -> assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
                "the engine (pid " + pid + ") is gone after berth engine stop"));
        for (Path dir : List.of(project, runDir, root)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theBarFollowsChangesMadeByAnotherBerthProcess() throws Exception {
        berth("up", "-d");
        List<String> shell = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main", "shell");
        try (TmuxTerminal t = TmuxTerminal.start(project, shell, env)) {
            t.awaitScreen(s -> bar(s).equals("live: live-db-1 running, live-web-1 running") && prompts(s) == 1,
                    WAIT, "the prompt and the bar of the running stack");

            t.type("ps -a");
            berth("stop", "-t", "0", "db");
            String stopped = t.awaitScreen(s -> bar(s).startsWith("live: live-db-1 exited ("), WAIT,
                    "the bar showing db stopped by the other process");
            assertTrue(stopped.lines().anyMatch(l -> l.equals("berth:live> ps -a")),
                    "the line being typed is left as it was:\n" + stopped);
            t.press("C-u");

            t.type("logs -f web");
            t.press("Enter");
            t.awaitScreen(s -> s.contains("web ready"), WAIT, "the followed log");
            berth("start", "db");
            t.awaitScreen(s -> bar(s).equals("live: live-db-1 running, live-web-1 running"), WAIT,
                    "the bar showing db started by the other process while logs -f runs");
            assertEquals(1, prompts(t.screen()), "logs -f still runs");
            t.press("C-c");
            t.awaitScreen(s -> prompts(s) == 2, WAIT, "the prompt after Ctrl-C");
            t.type("exit");
            t.press("Enter");
            for (int i = 0; i < 100 && t.sessionAlive(); i++) {
                Thread.sleep(100);
            }
        }
    }

    private static String bar(String screen) {
        List<String> lines = screen.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    private static long prompts(String screen) {
        return screen.lines().filter(l -> l.startsWith("berth:live>")).count();
    }

    /** Runs {@code berth ARGS} as a separate process on the test's engine and checks that it succeeds. */
    private void berth(String... args) throws IOException, InterruptedException {
        try (BerthProcess berth = BerthProcess.start(project, env, args)) {
            assertEquals(0, berth.exitCode(Duration.ofSeconds(120)), "berth " + String.join(" ", args) + ":\n"
                    + berth.out() + berth.err());
        }
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("cannot read the engine pid from " + file, e);
        }
    }
}
