package dev.berth.embedded.shim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stand-in /proc: the init's name, signal masks and start time as the kernel shows them. */
class InitReadinessTest {
    private static final int TERM = 15;
    private static final long TERM_BIT = 1L << (TERM - 1);
    private static final Duration SETTLE = Duration.ofSeconds(1);

    @TempDir
    Path proc;

    @BeforeEach
    void uptime() throws Exception {
        Files.writeString(proc.resolve("uptime"), "1000.00 1500.00\n");
    }

    /** pid 42 as the kernel shows it: started {@code ageSeconds} ago, with these masks. */
    private void init(String comm, long caught, long blocked, double ageSeconds) throws Exception {
        Path dir = Files.createDirectories(proc.resolve("42"));
        long start = Math.round((1000.0 - ageSeconds) * 100);
        Files.writeString(dir.resolve("stat"), "42 (" + comm + ") S 1 42 42 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 "
                + start + " 1000 10 0\n");
        Files.writeString(dir.resolve("status"), "Name:\t" + comm + "\nSigBlk:\t" + String.format("%016x", blocked)
                + "\nSigIgn:\t0000000000000000\nSigCgt:\t" + String.format("%016x", caught) + "\n");
    }

    @Test
    void anInitThatCatchesOrBlocksTheSignalTakesItAtOnce() throws Exception {
        init("sh", TERM_BIT, 0, 0);
        assertTrue(InitReadiness.await(proc, 42, TERM, Duration.ofDays(1)));
        init("tini-static", 0, TERM_BIT, 0);
        assertTrue(InitReadiness.await(proc, 42, TERM, Duration.ofDays(1)));
        init("sleep", 0, 0, 0);
        assertTrue(InitReadiness.await(proc, 42, 9, Duration.ofDays(1)), "SIGKILL is never held back");
    }

    @Test
    void aYoungInitIsWaitedForUntilItTakesTheSignal() throws Exception {
        init("runc:[2:INIT]", 0, 0, 0);
        CompletableFuture.runAsync(() -> {
            try {
                init("sh", TERM_BIT, 0, 0.1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        assertTrue(InitReadiness.await(proc, 42, TERM, Duration.ofDays(1)));
    }

    @Test
    void anInitOlderThanTheSettleTimeGetsTheSignalEvenIfItWouldDropIt() throws Exception {
        init("sleep", 0, 0, 5);
        assertTrue(InitReadiness.await(proc, 42, TERM, SETTLE));
    }

    @Test
    void anInitStillInRuncOnceSettledIsLeftToTheRuntime() throws Exception {
        init("runc:[2:INIT]", 0, 0, 5);
        assertFalse(InitReadiness.await(proc, 42, TERM, SETTLE));
    }

    @Test
    void anEndedInitIsNotWaitedFor() {
        assertTrue(InitReadiness.await(proc, 43, TERM, Duration.ofDays(1)));
    }
}
