package dev.berth.embedded.shim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stand-in /proc: the init's comm is runc's init until the container's command replaces it. */
class InitCommandTest {
    @TempDir
    Path proc;

    private void comm(int pid, String name) throws Exception {
        Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(proc.resolve(Integer.toString(pid)).resolve("comm"), name + "\n");
    }

    @Test
    void waitsUntilTheInitRunsTheCommand() throws Exception {
        comm(42, "runc:[2:INIT]");
        CompletableFuture.runAsync(() -> {
            try {
                comm(42, "sleep");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        assertTrue(InitCommand.await(proc, 42, Duration.ofSeconds(10)));
    }

    @Test
    void anInitThatStaysInRuncIsReportedAfterTheLimit() throws Exception {
        comm(42, "runc:[2:INIT]");
        assertFalse(InitCommand.await(proc, 42, Duration.ofMillis(50)));
    }

    @Test
    void aRunningCommandOrAnEndedInitIsNotWaitedFor() throws Exception {
        comm(42, "sh");
        assertTrue(InitCommand.await(proc, 42, Duration.ZERO));
        assertTrue(InitCommand.await(proc, 43, Duration.ZERO), "no such process");
    }
}
