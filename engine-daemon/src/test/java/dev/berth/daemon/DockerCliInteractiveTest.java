package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's {@code docker} CLI (20.10, a client we did not write) with stdin and terminals against the engine daemon:
 * {@code run -i} with piped input, {@code attach} with input (also to a container started before the daemon was
 * restarted), and {@code exec -it} / {@code run -it} under a pseudo-terminal made by util-linux {@code script}.
 */
class DockerCliInteractiveTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    @RegisterExtension
    static final DockerCliEngine CLI = new DockerCliEngine();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static DockerCli docker() {
        return CLI.docker();
    }

    /** Runs a shell command line on a pseudo-terminal of 40 rows and 100 columns, as a user at a terminal would. */
    private static DockerCli.Result onTerminal(String commandLine) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "script (util-linux) is not installed");
        return docker().execute("", List.of(SCRIPT.toString(), "-q", "-e", "-c",
                "stty rows 40 cols 100; " + commandLine, "/dev/null"));
    }

    /** A command line on a pseudo-terminal of its own (util-linux {@code script}), typed into while it runs. */
    private static final class Typed implements AutoCloseable {
        private final Process process;
        private final StringBuffer screen = new StringBuffer();

        Typed(String commandLine) throws IOException {
            Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "script (util-linux) is not installed");
            process = docker().withEnvironment(new ProcessBuilder(SCRIPT.toString(), "-q", "-e", "-c",
                    "stty rows 40 cols 100; " + commandLine, "/dev/null").redirectErrorStream(true)).start();
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
        return docker().ok("inspect", "-f", "{{.State.Running}}", name).out().strip().equals("true");
    }

    @Test
    void ctrlPCtrlQDetachesFromAnAttachedShellWhichKeepsRunning() throws Exception {
        String name = "detach-" + run;
        docker().ok("run", "-dit", "--name", name, TestEngine.IMAGE.value(), "sh");
        try {
            try (Typed attach = new Typed(DockerCli.binary() + " attach " + name)) {
                attach.type("echo attached-$((6*7))\r");
                attach.await("attached-42");
                attach.type("\u0010\u0011");
                attach.awaitExit(); // docker attach reports a detach with code 1, as against dockerd
                attach.await("read escape sequence");
            }
            assertTrue(running(name), "the shell runs on after the detach");
            try (Typed custom = new Typed(DockerCli.binary() + " attach --detach-keys=ctrl-x,y " + name)) {
                custom.type("echo again-$((40+2))\r");
                custom.await("again-42");
                custom.type("\u0018y");
                custom.awaitExit();
            }
            assertTrue(running(name), "the shell runs on after a detach with other keys");
        } finally {
            docker().run("rm", "-f", name);
        }
    }

    @Test
    void runItDetachesWithCtrlPCtrlQAndTheContainerKeepsRunning() throws Exception {
        String name = "run-detach-" + run;
        try {
            try (Typed runIt = new Typed(DockerCli.binary() + " run -it --name " + name + " " + TestEngine.IMAGE.value()
                    + " sh")) {
                runIt.type("stty size; echo ran-$((6*7))\r");
                runIt.await("ran-42");
                assertTrue(runIt.screen.toString().contains("40 100"), "sized at create: " + runIt.screen);
                runIt.type("\u0010\u0011");
                assertEquals(0, runIt.awaitExit(), "docker run -it ends when the keys detach it");
            }
            assertTrue(running(name), "a stdin-once terminal keeps its shell when the client detaches");
        } finally {
            docker().run("rm", "-f", name);
        }
    }

    @Test
    void runWithPipedStdinFeedsTheContainerUntilTheInputEnds() throws Exception {
        DockerCli.Result r = docker().okWithInput("first line\nsecond line\n", "run", "-i", "--rm",
                TestEngine.IMAGE.value(), "sh", "-c", "cat; echo cat saw the end");
        assertEquals("first line\nsecond line\ncat saw the end\n", r.out());
    }

    @Test
    void attachSendsInputToARunningContainer() throws Exception {
        String name = "attach-" + run;
        docker().ok("run", "-d", "-i", "--name", name, TestEngine.IMAGE.value(), "sh", "-c",
                "while read line; do echo \"got $line\"; [ \"$line\" = quit ] && exit 6; done");
        try {
            DockerCli.Result attached = docker().runWithInput("hello\nquit\n", "attach", name);
            assertEquals(6, attached.code(), attached.err());
            assertEquals("got hello\ngot quit\n", attached.out());
            assertEquals("6", docker().ok("wait", name).out().strip());
        } finally {
            docker().run("rm", "-f", name);
        }
    }

    @Test
    void attachWorksOnAContainerStartedBeforeTheDaemonRestarted() throws Exception {
        String name = "restart-attach-" + run;
        docker().ok("run", "-d", "-i", "--name", name, TestEngine.IMAGE.value(), "sh", "-c",
                "echo started; while read line; do echo \"got $line\"; [ \"$line\" = quit ] && exit 3; done");
        try {
            CLI.engine().stopDaemonOnly();
            CLI.engine().restartDaemon();
            DockerCli.Result attached = docker().runWithInput("after the restart\nquit\n", "attach", name);
            assertEquals(3, attached.code(), attached.err());
            assertEquals("got after the restart\ngot quit\n", attached.out());
            assertEquals("started\ngot after the restart\ngot quit\n", docker().ok("logs", name).out());
            assertEquals("3", docker().ok("inspect", "-f", "{{.State.ExitCode}}", name).out().strip());
        } finally {
            docker().run("rm", "-f", name);
        }
    }

    @Test
    void execWithATerminalSeesTheClientsTerminalSize() throws Exception {
        String name = "exec-it-" + run;
        docker().ok("run", "-d", "--name", name, "--init", TestEngine.IMAGE.value(), "sleep", "300");
        try {
            // this client resizes right after the start (API 1.41 has no ConsoleSize for execs): give it a moment
            DockerCli.Result r = onTerminal(DockerCli.binary() + " exec -it " + name
                    + " sh -c 'tty; sleep 1; stty size; exit 4'");
            assertEquals(4, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("/dev/pts/"), r.out());
            assertTrue(r.out().contains("40 100"), "the exec's terminal has the client's size: " + r.out());
        } finally {
            docker().run("rm", "-f", name);
        }
    }

    @Test
    void runWithATerminalGivesTheContainerAPty() throws Exception {
        DockerCli.Result r = onTerminal(DockerCli.binary() + " run -it --rm " + TestEngine.IMAGE.value()
                + " sh -c 'tty; sleep 1; stty size'");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("/dev/pts/0"), r.out());
        assertTrue(r.out().contains("40 100"), "resized to the client's terminal after the start: " + r.out());
    }
}
