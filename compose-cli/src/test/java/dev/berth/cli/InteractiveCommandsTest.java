package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LabelSelector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec}, {@code run} and {@code attach} with berth's stdin connected, on the shared fake runtime, with piped
 * streams (the terminal side is covered by {@code InteractiveTerminalTest} on dockerd).
 */
class InteractiveCommandsTest {
    private static final String PROJECT = """
            name: demo
            services:
              web:
                image: busybox:latest
                command: ["sh", "-c", "echo serving; sleep infinity"]
              console:
                image: busybox:latest
                command: ["sh"]
                stdin_open: true
                tty: true
                environment:
                  GREETING: typed-into-the-console
              ticker:
                image: busybox:latest
                command: ["sh", "-c", "echo tick; sleep 1; echo tock >&2; exit 6"]
            """;

    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void fresh() {
        SharedFakeRuntimeProvider.reset();
        cli = new Cli(dir, PROJECT);
    }

    private Cli.Result withInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli.Result r = cli.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, args);
        return new Cli.Result(r.code(), r.out() + out.toString(StandardCharsets.UTF_8), r.err());
    }

    @Test
    void pipedInputReachesAnExecAndItsEndClosesTheProcessesStdin() {
        assertEquals(0, cli.run("up", "-d", "web").code());
        Cli.Result r = withInput("hi\nthere\n", "exec", "-T", "web", "cat");
        assertEquals(0, r.code(), r.err());
        assertEquals("hi\nthere\n", r.out());
    }

    @Test
    void anExecWithoutInteractiveGetsNoStdinAndStillReportsItsCode() {
        assertEquals(0, cli.run("up", "-d", "web").code());
        Cli.Result r = withInput("ignored\n", "exec", "-T", "-i=false", "web", "sh", "-c", "echo out; exit 3");
        assertEquals(3, r.code(), r.err());
        assertEquals("out\n", r.out());
    }

    @Test
    void pipedInputReachesARunAndTheOneOffClosesItsStdinAtTheEnd() {
        Cli.Result r = withInput("line one\nline two\n", "run", "--rm", "-T", "web", "cat");
        assertEquals(0, r.code(), r.err());
        assertEquals("line one\nline two\n", r.out());
        assertEquals(java.util.List.of(), SharedFakeRuntimeProvider.runtime().list(LabelSelector.all()),
                "--rm removed the one-off");
    }

    @Test
    void aRunWithoutInteractiveFollowsTheOutputAsBefore() {
        Cli.Result r = withInput("", "run", "--rm", "-T", "-i=false", "ticker");
        assertEquals(6, r.code(), r.err());
        assertEquals("tick\n", r.out());
        assertTrue(r.err().endsWith("tock\n"), r.err());
    }

    @Test
    void attachTypesIntoAConsoleServiceAndExitsWithItsCode() {
        assertEquals(0, cli.run("up", "-d", "console").code());
        Cli.Result r = withInput("printenv GREETING\rexit 3\r", "attach", "console");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.out().contains("typed-into-the-console"), r.out());
        ContainerSummary console = SharedFakeRuntimeProvider.runtime().list(LabelSelector.all()).get(0);
        assertEquals(ContainerStatus.EXITED, console.state().status());
    }

    /** Stops {@code service} once {@code attach} is under way, as {@code berth stop} from another terminal would. */
    private Thread stopSoon(String service) {
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            new Cli(dir, PROJECT).run("stop", service);
        });
        stopper.start();
        return stopper;
    }

    @Test
    void attachWithoutStdinFollowsTheOutputUntilTheContainerStops() throws Exception {
        assertEquals(0, cli.run("up", "-d", "console").code());
        Thread stopper = stopSoon("console");
        Cli.Result r = withInput("exit 9\r", "attach", "--no-stdin", "console");
        stopper.join();
        assertEquals(143, r.code(), "the exit code of the stopped container, not of the ignored input: " + r.err());
    }

    @Test
    void attachToAServiceWithoutOpenStdinAttachesItsOutputOnly() throws Exception {
        assertEquals(0, cli.run("up", "-d", "web").code());
        assertFalse(SharedFakeRuntimeProvider.runtime().spec("demo-web-1").stdinOpen());
        Thread stopper = stopSoon("web");
        Cli.Result r = withInput("", "attach", "web");
        stopper.join();
        assertEquals(143, r.code(), r.err());
    }

    @Test
    void badDetachKeysAndStoppedContainersAreRefusedWithTheFix() {
        Cli.Result keys = cli.run("attach", "--detach-keys", "ctrl-shift-x", "web");
        assertEquals(2, keys.code(), keys.err());
        assertTrue(keys.err().contains("unknown detach key 'ctrl-shift-x'"), keys.err());
        assertEquals(0, cli.run("create", "web").code());
        Cli.Result stopped = cli.run("attach", "web");
        assertEquals(1, stopped.code(), stopped.err());
        assertTrue(stopped.err().contains("cannot attach to demo-web-1: it is created; start it first (berth start web)"),
                stopped.err());
    }
}
