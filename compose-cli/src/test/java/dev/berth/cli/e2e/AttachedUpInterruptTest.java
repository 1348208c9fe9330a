package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in an attached {@code up}, with berth as a separate process on the fake runtime: the first SIGINT stops
 * the containers gracefully and berth exits with 130. (The second press, which kills, is shown on the embedded
 * engine, where a stop can take long: {@code EmbeddedStackEndToEndTest}.)
 */
class AttachedUpInterruptTest {
    @TempDir
    Path dir;

    @Test
    void theFirstCtrlCStopsTheContainersGracefullyAndExitsWith130() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), """
                name: sigint
                services:
                  web:
                    image: busybox:latest
                    command: ["sh", "-c", "echo serving; sleep infinity"]
                """);
        try (BerthProcess berth = BerthProcess.start(dir, Map.of(), "--runtime", "fake", "--progress", "plain",
                "up")) {
            berth.awaitOutput("serving", Duration.ofSeconds(60));
            berth.interrupt();
            assertEquals(130, berth.exitCode(Duration.ofSeconds(30)), berth.err());
            String err = berth.err();
            assertTrue(err.contains("Gracefully stopping... (press Ctrl+C again to force)"), err);
            assertTrue(err.contains("sigint-web-1 exited with code 143"), err);
        }
    }
}
