package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's {@code docker} CLI (20.10, a client we did not write) with stdin and terminals against the engine daemon:
 * {@code run -i} with piped input, {@code attach} with input (also to a container started before the daemon was
 * restarted), and {@code exec -it} / {@code run -it} under a pseudo-terminal made by util-linux {@code script}.
 */
class DockerCliInteractiveTest {
    private static final Path DOCKER = Path.of("/usr/bin/docker");
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static TestEngine engine;
    private static Path config;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(DOCKER),
                "the docker CLI is not installed (apt-get install docker.io)");
        engine = TestEngine.start();
        config = Files.createTempDirectory("berth-docker-config");
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (config != null) {
            dev.berth.embedded.util.Files2.deleteTree(config);
        }
    }

    /** Runs a command with the test daemon as DOCKER_HOST and {@code input} (null: none) on its stdin. */
    private static Result command(String input, List<String> command) throws IOException, InterruptedException {
        Path stdin = Files.createTempFile("docker-cli", ".in");
        Path out = Files.createTempFile("docker-cli", ".out");
        Path err = Files.createTempFile("docker-cli", ".err");
        try {
            Files.writeString(stdin, input == null ? "" : input);
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(stdin.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("DOCKER_HOST", "unix://" + engine.options().socket());
            pb.environment().put("DOCKER_CONFIG", config.toString());
            pb.environment().remove("DOCKER_CONTEXT");
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 60 s: "
                        + Files.readString(out) + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdin);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Result docker(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DOCKER.toString()));
        command.addAll(List.of(args));
        return command(input, command);
    }

    private static Result ok(String input, String... args) throws IOException, InterruptedException {
        Result r = docker(input, args);
        assertEquals(0, r.code(), "docker " + String.join(" ", args) + " failed: " + r.err() + r.out());
        return r;
    }

    /** Runs a shell command line on a pseudo-terminal of 40 rows and 100 columns, as a user at a terminal would. */
    private static Result onTerminal(String commandLine) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "script (util-linux) is not installed");
        return command(null, List.of(SCRIPT.toString(), "-q", "-e", "-c", "stty rows 40 cols 100; " + commandLine,
                "/dev/null"));
    }

    /** A command line on a pseudo-terminal of its own (util-linux {@code script}), typed into while it runs. */
    private static final class Typed implements AutoCloseable {
        private final Process process;
        private final StringBuffer screen = new StringBuffer();

        Typed(String commandLine) throws IOException {
            Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "script (util-linux) is not installed");
            ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-q", "-e", "-c",
                    "stty rows 40 cols 100; " + commandLine, "/dev/null").redirectErrorStream(true);
            pb.environment().put("DOCKER_HOST", "unix://" + engine.options().socket());
            pb.environment().put("DOCKER_CONFIG", config.toString());
            pb.environment().remove("DOCKER_CONTEXT");
            process = pb.start();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (var out = process.getInputStream()) {
                    int n;
                    while ((n = out.read(buffer)) >= 0) {
                        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ended) {
                    // the process went away
                }
            }, "typed-screen");
            reader.setDaemon(true);
            reader.start();
        }

        void type(String keys) throws IOException {
            process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        void await(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!screen.toString().contains(text)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("'" + text + "' did not appear within 30 s; the screen: " + screen);
                }
                Thread.sleep(20);
            }
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("still running 30 s later; the screen: " + screen);
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean running(String name) throws IOException, InterruptedException {
        return ok(null, "inspect", "-f", "{{.State.Running}}", name).out().strip().equals("true");
    }

    @Test
    void ctrlPCtrlQDetachesFromAnAttachedShellWhichKeepsRunning() throws Exception {
        String name = "detach-" + run;
        ok(null, "run", "-dit", "--name", name, TestEngine.IMAGE.value(), "sh");
        try {
            try (Typed attach = new Typed(DOCKER + " attach " + name)) {
                attach.type("echo attached-$((6*7))\r");
                attach.await("attached-42");
                attach.type("\u0010\u0011");
                attach.awaitExit(); // docker attach reports a detach with code 1, as against dockerd
                attach.await("read escape sequence");
            }
            assertTrue(running(name), "the shell runs on after the detach");
            try (Typed custom = new Typed(DOCKER + " attach --detach-keys=ctrl-x,y " + name)) {
                custom.type("echo again-$((40+2))\r");
                custom.await("again-42");
                custom.type("\u0018y");
                custom.awaitExit();
            }
            assertTrue(running(name), "the shell runs on after a detach with other keys");
        } finally {
            docker(null, "rm", "-f", name);
        }
    }

    @Test
    void runItDetachesWithCtrlPCtrlQAndTheContainerKeepsRunning() throws Exception {
        String name = "run-detach-" + run;
        try {
            try (Typed runIt = new Typed(DOCKER + " run -it --name " + name + " " + TestEngine.IMAGE.value()
                    + " sh")) {
                runIt.type("stty size; echo ran-$((6*7))\r");
                runIt.await("ran-42");
                assertTrue(runIt.screen.toString().contains("40 100"), "sized at create: " + runIt.screen);
                runIt.type("\u0010\u0011");
                assertEquals(0, runIt.awaitExit(), "docker run -it ends when the keys detach it");
            }
            assertTrue(running(name), "a stdin-once terminal keeps its shell when the client detaches");
        } finally {
            docker(null, "rm", "-f", name);
        }
    }

    @Test
    void runWithPipedStdinFeedsTheContainerUntilTheInputEnds() throws Exception {
        Result r = ok("first line\nsecond line\n", "run", "-i", "--rm", TestEngine.IMAGE.value(), "sh", "-c",
                "cat; echo cat saw the end");
        assertEquals("first line\nsecond line\ncat saw the end\n", r.out());
    }

    @Test
    void attachSendsInputToARunningContainer() throws Exception {
        String name = "attach-" + run;
        ok(null, "run", "-d", "-i", "--name", name, TestEngine.IMAGE.value(), "sh", "-c",
                "while read line; do echo \"got $line\"; [ \"$line\" = quit ] && exit 6; done");
        try {
            Result attached = docker("hello\nquit\n", "attach", name);
            assertEquals(6, attached.code(), attached.err());
            assertEquals("got hello\ngot quit\n", attached.out());
            assertEquals("6", ok(null, "wait", name).out().strip());
        } finally {
            docker(null, "rm", "-f", name);
        }
    }

    @Test
    void attachWorksOnAContainerStartedBeforeTheDaemonRestarted() throws Exception {
        String name = "restart-attach-" + run;
        ok(null, "run", "-d", "-i", "--name", name, TestEngine.IMAGE.value(), "sh", "-c",
                "echo started; while read line; do echo \"got $line\"; [ \"$line\" = quit ] && exit 3; done");
        try {
            engine.stopDaemonOnly();
            engine.restartDaemon();
            Result attached = docker("after the restart\nquit\n", "attach", name);
            assertEquals(3, attached.code(), attached.err());
            assertEquals("got after the restart\ngot quit\n", attached.out());
            assertEquals("started\ngot after the restart\ngot quit\n", ok(null, "logs", name).out());
            assertTrue(ok(null, "inspect", "-f", "{{.State.ExitCode}}", name).out().strip().equals("3"));
        } finally {
            docker(null, "rm", "-f", name);
        }
    }

    @Test
    void execWithATerminalSeesTheClientsTerminalSize() throws Exception {
        String name = "exec-it-" + run;
        ok(null, "run", "-d", "--name", name, "--init", TestEngine.IMAGE.value(), "sleep", "300");
        try {
            // this client resizes right after the start (API 1.41 has no ConsoleSize for execs): give it a moment
            Result r = onTerminal(DOCKER + " exec -it " + name + " sh -c 'tty; sleep 1; stty size; exit 4'");
            assertEquals(4, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("/dev/pts/"), r.out());
            assertTrue(r.out().contains("40 100"), "the exec's terminal has the client's size: " + r.out());
        } finally {
            docker(null, "rm", "-f", name);
        }
    }

    @Test
    void runWithATerminalGivesTheContainerAPty() throws Exception {
        Result r = onTerminal(DOCKER + " run -it --rm " + TestEngine.IMAGE.value()
                + " sh -c 'tty; sleep 1; stty size'");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("/dev/pts/0"), r.out());
        assertTrue(r.out().contains("40 100"), "resized to the client's terminal after the start: " + r.out());
    }
}
