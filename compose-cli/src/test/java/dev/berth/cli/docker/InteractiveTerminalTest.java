package dev.berth.cli.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.testing.TmuxTerminal;
import dev.berth.docker.TestDockerDaemon;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code exec -it}, {@code run --rm -it} and {@code attach} as a user at a terminal would use them: berth runs under
 * a real pseudo-terminal (tmux) against a private dockerd; keys are typed and the screen is read. Also piped stdin
 * ({@code exec -T}, {@code run -T}) without a terminal. Every test leaves the terminal as it found it: the script
 * around berth compares {@code stty -g} before and after.
 */
class InteractiveTerminalTest {
    @RegisterExtension
    static final TestDockerDaemon DOCKERD = new TestDockerDaemon();

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final String project = "tty-" + UUID.randomUUID().toString().substring(0, 8);
    private Path dir;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("berth-interactive");
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  box:
                    image: %1$s
                    command: ["sleep", "300"]
                  console:
                    image: %1$s
                    command: ["sh"]
                    stdin_open: true
                    tty: true
                """.formatted(DOCKERD.image().value()));
        Path launcher = dir.resolve("berth.sh");
        Files.writeString(launcher, "#!/bin/sh\nexec " + String.join(" ", berthCommand().stream()
                .map(InteractiveTerminalTest::quote).toList()) + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dir == null) {
            return;
        }
        berth(null, "down", "-t", "0");
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /**
     * Runs {@code ./berth.sh ARGS} in a 160x40 tmux window; when berth ends, the script prints
     * {@code terminal-restored} if the terminal's settings are back as they were, then {@code berth-exit=CODE}.
     */
    private TmuxTerminal atTerminal(String args) throws IOException, InterruptedException {
        TmuxTerminal.assumeTmux();
        String script = "before=$(stty -g); ./berth.sh " + args + "; code=$?; after=$(stty -g);"
                + " [ \"$before\" = \"$after\" ] && echo terminal-restored; echo berth-exit=$code; sleep 600";
        return TmuxTerminal.start(dir, List.of("sh", "-c", script), Map.of(
                "DOCKER_HOST", DOCKERD.endpoint().host().toString()));
    }

    private static boolean line(String screen, String text) {
        return screen.lines().anyMatch(l -> l.strip().equals(text));
    }

    /** Whether the script saw the terminal's settings as before berth (after a detach the line holds the prompt). */
    private static boolean restored(String screen) {
        return screen.lines().anyMatch(l -> l.strip().endsWith("terminal-restored"));
    }

    @Test
    void execItRunsAShellOnTheUsersTerminalWithItsSizeCtrlCAndExitCode() throws Exception {
        assertEquals(0, berth(null, "up", "-d", "box").code());
        try (TmuxTerminal t = atTerminal("exec box sh")) {
            t.awaitScreen(s -> s.contains("/ #"), WAIT, "the shell's prompt");
            t.type("echo $((6*7))");
            t.press("Enter");
            t.awaitScreen(s -> line(s, "42"), WAIT, "42 computed by the container's shell");

            t.type("stty size");
            t.press("Enter");
            t.awaitScreen(s -> line(s, "40 160"), WAIT, "the window's size (rows columns) sent at the start");
            t.resize(100, 30);
            Thread.sleep(500);
            t.type("stty size");
            t.press("Enter");
            t.awaitScreen(s -> line(s, "30 100"), WAIT, "the new size sent on SIGWINCH");

            t.type("sleep 300");
            t.press("Enter");
            Thread.sleep(500);
            t.press("C-c");
            t.type("echo after-$((1+1))-interrupt");
            t.press("Enter");
            t.awaitScreen(s -> line(s, "after-2-interrupt"), WAIT,
                    "the shell alive after Ctrl-C interrupted its sleep (Ctrl-C went to the container)");

            t.type("exit 3");
            t.press("Enter");
            String end = t.awaitScreen(s -> s.contains("berth-exit="), WAIT, "berth's exit");
            assertTrue(line(end, "berth-exit=3"), end);
            assertTrue(restored(end), "raw mode must be undone:\n" + end);
        }
    }

    @Test
    void runRmItRunsAOneOffShellAndRemovesIt() throws Exception {
        try (TmuxTerminal t = atTerminal("run --rm box sh")) {
            t.awaitScreen(s -> s.contains("/ #"), WAIT, "the one-off shell's prompt");
            t.type("echo $((6*7))");
            t.press("Enter");
            t.awaitScreen(s -> line(s, "42"), WAIT, "42 computed by the one-off's shell");
            t.type("exit 3");
            t.press("Enter");
            String end = t.awaitScreen(s -> s.contains("berth-exit="), WAIT, "berth's exit");
            assertTrue(line(end, "berth-exit=3"), end);
            assertTrue(restored(end), end);
        }
        Run ps = berth(null, "ps", "-a");
        assertFalse(ps.out().contains("-run-"), "--rm removed the one-off:\n" + ps.out());
    }

    @Test
    void attachToAStdinOpenTtyServiceDetachesWithCtrlPCtrlQAndExitsWithItsCode() throws Exception {
        assertEquals(0, berth(null, "up", "-d", "console").code());
        try (TmuxTerminal t = atTerminal("attach console")) {
            Thread.sleep(1000);
            t.press("Enter");
            t.awaitScreen(s -> s.contains("/ #"), WAIT, "a prompt of the attached shell");
            t.type("echo $((6*7))");
            t.press("Enter");
            t.awaitScreen(s -> line(s, "42"), WAIT, "42 computed by the service's shell");
            t.press("C-p");
            t.press("C-q");
            String end = t.awaitScreen(s -> s.contains("berth-exit="), WAIT, "berth leaving on the detach keys");
            assertTrue(line(end, "berth-exit=0"), end);
            assertTrue(restored(end), end);
        }
        assertTrue(berth(null, "ps").out().contains("running"), "detaching leaves the container running");
        try (TmuxTerminal t = atTerminal("attach console")) {
            Thread.sleep(1000);
            t.press("Enter");
            t.awaitScreen(s -> s.contains("/ #"), WAIT, "a prompt after attaching again");
            t.type("exit 4");
            t.press("Enter");
            String end = t.awaitScreen(s -> s.contains("berth-exit="), WAIT, "berth's exit");
            assertTrue(line(end, "berth-exit=4"), "attach exits with the container's code:\n" + end);
            assertTrue(restored(end), end);
        }
    }

    @Test
    void pipedStdinReachesExecAndRunWithoutATerminal() throws Exception {
        assertEquals(0, berth(null, "up", "-d", "box").code());
        Run exec = berth("hi\n", "exec", "-T", "box", "cat");
        assertEquals(0, exec.code(), exec.err());
        assertEquals("hi\n", exec.out());

        Path file = Files.writeString(dir.resolve("input.txt"), "first\nsecond\n");
        Run run = berth(Files.readString(file), "run", "--rm", "-T", "box", "cat");
        assertEquals(0, run.code(), run.err());
        assertEquals("first\nsecond\n", run.out());

        Run code = berth("", "exec", "-T", "box", "sh", "-c", "read line; exit 7");
        assertEquals(7, code.code(), "end of input reached the process and its exit code came back: " + code.err());
    }

    private List<String> berthCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main", "--progress", "plain",
                "--runtime", "docker", "-p", project);
    }

    /** berth ARGS as a separate process without a terminal; {@code input} (may be null: none) on its stdin. */
    private Run berth(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(berthCommand());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("DOCKER_HOST", DOCKERD.endpoint().host().toString());
        pb.environment().remove("DOCKER_CONTEXT");
        Path inFile = Files.writeString(Files.createTempFile("berth-interactive", ".in"), input == null ? "" : input);
        Path outFile = Files.createTempFile("berth-interactive", ".out");
        Path errFile = Files.createTempFile("berth-interactive", ".err");
        pb.redirectInput(inFile.toFile()).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Process process = pb.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Run(process.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            Files.delete(inFile);
            Files.delete(outFile);
            Files.delete(errFile);
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
