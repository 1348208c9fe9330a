package dev.berth.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.testing.TmuxTerminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth shell} under a real pseudo-terminal (tmux), on the shared fake runtime: commands run with the
 * shell's root flags, TAB completes a service name, the status bar and {@code status} show the stack, the bar
 * changes by itself when a container exits (at the prompt, without touching the line being typed, and while a
 * command runs), the history is written to {@code $BERTH_HISTORY}, and {@code exit} leaves.
 */
class ShellTerminalTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void typeCommandsCompleteAServiceAndLeave() throws Exception {
        TmuxTerminal.assumeTmux();
        Path file = Files.writeString(dir.resolve("compose.yaml"), """
                name: repl
                services:
                  db:
                    image: busybox:latest
                    command: ["sh", "-c", "echo db ready; sleep infinity"]
                  webserver:
                    image: busybox:latest
                    command: ["sh", "-c", "echo first line; echo serving on 8080; sleep infinity"]
                    profiles: ["front"]
                """);
        Path history = dir.resolve("history");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main",
                "-f", file.toString(), "--runtime", "fake", "--progress", "plain", "--profile", "front", "shell");
        try (TmuxTerminal t = TmuxTerminal.start(dir, command, Map.of("BERTH_HISTORY", history.toString()))) {
            t.awaitScreen(s -> s.contains("berth:repl>"), WAIT, "the prompt");

            t.type("up -d");
            t.press("Enter");
            t.awaitScreen(s -> s.contains("repl: repl-db-1 running, repl-webserver-1 running"), WAIT,
                    "the status bar with both containers running");

            t.type("ps");
            t.press("Enter");
            t.awaitScreen(s -> s.matches("(?s).*repl-webserver-1 +busybox:latest +webserver +running.*"), WAIT,
                    "the ps table");

            t.type("logs --tail 1 web");
            t.press("Tab");
            t.awaitScreen(s -> s.contains("logs --tail 1 webserver"), WAIT, "the completed service name");
            t.press("Enter");
            t.awaitScreen(s -> s.contains("serving on 8080") && !s.contains("first line"), WAIT,
                    "the last log line of webserver");

            t.type("config --services");
            t.press("Enter");
            t.awaitScreen(s -> s.contains("\ndb\nwebserver\n"), WAIT, "the services, one per line");

            t.type("status");
            t.press("Enter");
            t.awaitScreen(s -> s.lines().filter(l -> l.startsWith("repl: repl-db-1 running")).count() >= 2, WAIT,
                    "the status line printed");

            t.type("logs -f db");
            t.press("Enter");
            t.awaitScreen(s -> s.contains("db ready"), WAIT, "the followed log");
            long prompts = t.screen().lines().filter(l -> l.startsWith("berth:repl>")).count();
            t.press("C-c");
            t.awaitScreen(s -> s.lines().filter(l -> l.startsWith("berth:repl>")).count() > prompts, WAIT,
                    "a new prompt after Ctrl-C stopped logs -f");
            assertTrue(t.sessionAlive(), "Ctrl-C stops the command, not the shell");

            t.type("exit");
            t.press("Enter");
            for (int i = 0; i < 100 && t.sessionAlive(); i++) {
                Thread.sleep(100);
            }
            assertFalse(t.sessionAlive(), "exit leaves the shell");
        }
        String typed = Files.readString(history);
        assertTrue(typed.contains("ps") && typed.contains("config --services") && typed.contains("exit"), typed);
    }

    @Test
    void theStatusBarFollowsTheStackWhileThePromptWaitsAndWhileACommandRuns() throws Exception {
        TmuxTerminal.assumeTmux();
        Path file = Files.writeString(dir.resolve("compose.yaml"), """
                name: live
                services:
                  db:
                    image: busybox:latest
                    command: ["sh", "-c", "echo db ready; sleep infinity"]
                  job:
                    image: busybox:latest
                    command: ["sh", "-c", "echo job started; sleep 6; exit 3"]
                """);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main",
                "-f", file.toString(), "--runtime", "fake", "--progress", "plain", "shell");
        try (TmuxTerminal t = TmuxTerminal.start(dir, command, Map.of("BERTH_HISTORY",
                dir.resolve("history").toString()))) {
            t.awaitScreen(s -> bar(s).equals("live: no containers") && prompts(s) == 1, WAIT,
                    "the prompt and the bar of the empty stack");
            t.type("up -d");
            t.press("Enter");
            t.awaitScreen(s -> bar(s).equals("live: live-db-1 running, live-job-1 running") && prompts(s) == 2,
                    WAIT, "the bar after up");

            t.type("ps -a");
            String exited = t.awaitScreen(s -> bar(s).equals("live: live-db-1 running, live-job-1 exited (3)"),
                    WAIT, "the bar changing by itself when the job exits");
            assertTrue(exited.lines().anyMatch(l -> l.equals("berth:live> ps -a")),
                    "the line being typed is left as it was:\n" + exited);
            t.press("Enter");
            t.awaitScreen(s -> s.matches("(?s).*live-job-1 +busybox:latest +job +exited \\(3\\).*")
                    && prompts(s) == 3, WAIT, "the typed command running");

            t.type("restart job");
            t.press("Enter");
            t.awaitScreen(s -> bar(s).endsWith("live-job-1 running") && prompts(s) == 4, WAIT,
                    "the bar after restart");
            t.type("logs -f db");
            t.press("Enter");
            t.awaitScreen(s -> s.contains("db ready"), WAIT, "the followed log");
            t.awaitScreen(s -> bar(s).endsWith("live-job-1 exited (3)"), WAIT, "the bar changing while logs -f runs");
            assertEquals(4, prompts(t.screen()), "logs -f still runs");
            t.press("C-c");
            t.awaitScreen(s -> prompts(s) == 5, WAIT, "the prompt after Ctrl-C");
            t.type("exit");
            t.press("Enter");
            for (int i = 0; i < 100 && t.sessionAlive(); i++) {
                Thread.sleep(100);
            }
            assertFalse(t.sessionAlive(), "exit leaves the shell (the status thread does not keep it)");
        }
    }

    private static long prompts(String screen) {
        return screen.lines().filter(l -> l.startsWith("berth:live>")).count();
    }

    /** The status bar: the bottom line of the terminal. */
    static String bar(String screen) {
        List<String> lines = screen.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    @Test
    void berthWithoutArgumentsOnATerminalOpensTheShell() throws Exception {
        TmuxTerminal.assumeTmux();
        Files.writeString(dir.resolve("compose.yaml"), """
                name: bare
                services:
                  only:
                    image: busybox:latest
                """);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main");
        try (TmuxTerminal t = TmuxTerminal.start(dir, command, Map.of("BERTH_HISTORY",
                dir.resolve("history").toString(), "BERTH_RUNTIME", "fake"))) {
            t.awaitScreen(s -> s.contains("berth:bare>"), WAIT, "the prompt of the project in the working directory");
            t.type("config --services");
            t.press("Enter");
            t.awaitScreen(s -> s.contains("\nonly\n") && s.lines().filter(l -> l.startsWith("berth:bare>")).count() == 2,
                    WAIT, "the service list and the next prompt");
            t.press("C-d");
            for (int i = 0; i < 100 && t.sessionAlive(); i++) {
                Thread.sleep(100);
            }
            assertFalse(t.sessionAlive(), "Ctrl-D leaves the shell");
        }
    }
}
