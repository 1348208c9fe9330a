package dev.berth.embedded.shim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a container's init runs the container's command yet. The shim reports the start once runc has written the
 * init's pid, and for a moment that pid is still runc's own init ({@code runc:[2:INIT]}, a Go program) about to
 * execute the command: a signal then reaches Go's runtime, which exits with code 2 instead of the command's reaction
 * to it. {@code runc kill} took long enough to start that it never met that moment; a signal through the shim can.
 */
final class InitCommand {
    private static final String RUNC_INIT = "runc:[";
    private static final long POLL_MILLIS = 2;

    private InitCommand() {
    }

    /**
     * Waits up to {@code limit} until {@code pid} no longer runs runc's init; true when it runs the container's
     * command or has ended, false when it still runs runc's init.
     */
    static boolean await(Path proc, int pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (runcInit(proc, pid)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean runcInit(Path proc, int pid) {
        try {
            return Files.readString(proc.resolve(Integer.toString(pid)).resolve("comm")).startsWith(RUNC_INIT);
        } catch (IOException ended) {
            return false;
        }
    }
}
