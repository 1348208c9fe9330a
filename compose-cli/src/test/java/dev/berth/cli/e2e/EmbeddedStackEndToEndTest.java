package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.e2e.EngineUnderTest.Run;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The berth command, as a separate process, runs a stack on the embedded engine (runc) with a local
 * FROM-scratch busybox image: up (attached), ps, down — and leaves no container, mount or state behind. The first
 * command starts the {@code berth engine} daemon; the teardown stops it with {@code berth engine stop}.
 */
class EmbeddedStackEndToEndTest {

    private EngineUnderTest engine;

    @BeforeEach
    void setUp() throws IOException {
        engine = EngineUnderTest.withBusybox("stack").withoutVariable("GREETING");
        engine.writeCompose("""
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
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void upPsDownOnTheEmbeddedEngine() throws Exception {
        Run up = engine.berth("up");
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

        Run ps = engine.berth("ps", "-a");
        assertEquals(0, ps.code(), ps.err());
        assertTrue(ps.out().matches("(?s).*e2e-app-1 .*exited \\(0\\).*"), ps.out());
        assertTrue(ps.out().matches("(?s).*e2e-migrate-1 .*exited \\(0\\).*"), ps.out());

        Run down = engine.berth("down");
        assertEquals(0, down.code(), down.err());
        Run after = engine.berth("ps", "-a");
        assertFalse(after.out().contains("e2e-"), after.out());
        assertEquals(List.of(), engine.mountsBelowRoot(), "no overlay mount of the test engine is left");
    }

    @Test
    void aSecondCtrlCKillsContainersThatIgnoreTheStopSignal() throws Exception {
        engine.writeCompose("""
                name: e2e
                services:
                  stubborn:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "echo ready; sleep 3600"]
                """);
        try (BerthProcess up = engine.start("up", "-t", "60")) {
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
        Run ps = engine.berth("ps", "-a");
        assertTrue(ps.out().matches("(?s).*e2e-stubborn-1 .*exited \\(137\\).*"), ps.out());
    }

    @Test
    void detachedUpLeavesTheServiceRunningAfterTheCliExits() throws Exception {
        Run up = engine.berth("--profile", "detached", "up", "-d", "server");
        assertEquals(0, up.code(), up.err());

        Run ps = engine.berth("--profile", "detached", "ps");
        assertEquals(0, ps.code(), ps.err());
        assertTrue(ps.out().matches("(?s).*e2e-server-1 .*running.*"), "still running after up -d returned: "
                + ps.out());

        Run logs = awaitLogs("server ready");
        assertTrue(logs.out().contains("server ready"), logs.out() + logs.err());

        Run down = engine.berth("--profile", "detached", "down");
        assertEquals(0, down.code(), down.err());
        Run after = engine.berth("--profile", "detached", "ps", "-a");
        assertFalse(after.out().contains("e2e-server"), after.out());
    }

    private Run awaitLogs(String expected) throws IOException, InterruptedException {
        Run logs = engine.berth("--profile", "detached", "logs", "server");
        for (int i = 0; i < 50 && !logs.out().contains(expected); i++) {
            Thread.sleep(100);
            logs = engine.berth("--profile", "detached", "logs", "server");
        }
        return logs;
    }
}
