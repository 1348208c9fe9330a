package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tty: true} in a Compose file on the embedded engine: the service's process runs on a pseudo-terminal
 * ({@code tty} names it, {@code stty} sets and reads its size) and its output reaches {@code berth logs}; a service
 * without it has no terminal.
 */
class EmbeddedTtyEndToEndTest {
    private EngineUnderTest engine;

    @BeforeEach
    void setUp() throws Exception {
        engine = EngineUnderTest.withBusybox("tty");
        engine.writeCompose("""
                name: e2etty
                services:
                  console:
                    image: %1$s
                    tty: true
                    stdin_open: true
                    command: ["sh", "-c", "tty && stty rows 24 cols 80 && stty size && echo terminal-ok; exec sleep 300"]
                  plain:
                    image: %1$s
                    command: ["sh", "-c", "tty || echo no-terminal; exec sleep 300"]
                """.formatted(EngineUnderTest.BUSYBOX));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aTtyServiceRunsOnAPseudoTerminalAndSttyWorks() throws Exception {
        EngineUnderTest.Run up = engine.berth("up", "-d");
        assertEquals(0, up.code(), up.all());
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
            EngineUnderTest.Run logs = engine.berth("logs", "--no-log-prefix", service);
            assertEquals(0, logs.code(), logs.all());
            if (logs.out().contains(marker) || System.nanoTime() > deadline) {
                return logs.out();
            }
            Thread.sleep(200);
        }
    }
}
