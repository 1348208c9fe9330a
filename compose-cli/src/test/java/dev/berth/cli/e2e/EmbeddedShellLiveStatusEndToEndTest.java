package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.testing.TmuxTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private EngineUnderTest engine;

    @BeforeEach
    void setUp() throws Exception {
        TmuxTerminal.assumeTmux();
        engine = EngineUnderTest.withBusybox("live");
        engine.withVariable("BERTH_HISTORY", engine.project().resolve("history").toString());
        engine.writeCompose("""
                name: live
                services:
                  db:
                    image: %1$s
                    command: ["sleep", "3600"]
                  web:
                    image: %1$s
                    command: ["sh", "-c", "echo web ready; exec sleep 3600"]
                """.formatted(EngineUnderTest.BUSYBOX));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theBarFollowsChangesMadeByAnotherBerthProcess() throws Exception {
        berth("up", "-d");
        List<String> shell = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main", "shell");
        try (TmuxTerminal t = TmuxTerminal.start(engine.project(), shell, engine.environment())) {
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
    private void berth(String... args) throws Exception {
        EngineUnderTest.Run run = engine.berth(args);
        assertEquals(0, run.code(), "berth " + String.join(" ", args) + ":\n" + run.all());
    }
}
