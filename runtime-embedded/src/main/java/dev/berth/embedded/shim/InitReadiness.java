package dev.berth.embedded.shim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a just started container's init can take a signal yet. The shim reports the start once runc has written
 * the init's pid, and for a moment that pid still runs runc's own init ({@code runc:[2:INIT]}, a Go program whose
 * runtime exits 2 on a signal); once the command runs, a pid 1 drops every signal it neither catches nor blocks
 * (only SIGKILL and SIGSTOP are forced), so a command that installs its handlers a moment later (tini, a shell's
 * {@code trap}) would miss a stop sent in between. {@code runc kill} took long enough to start that it rarely met
 * that moment; a signal through the shim would. So a signal waits until the init runs the command and catches or
 * blocks it, but only while the init is young: an older init that does neither is not going to, and gets the
 * signal at once (the kernel drops it, as it always did).
 */
final class InitReadiness {
    private static final String RUNC_INIT = "runc:[";
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final double CLOCK_TICKS = 100; // USER_HZ on Linux
    private static final long POLL_MILLIS = 2;

    /** What /proc says about the init: still runc's, its signal masks, its age. */
    private record Init(boolean runc, long caught, long blocked, double ageSeconds) {
        boolean takes(int signal) {
            long bit = 1L << (signal - 1);
            return signal == SIGKILL || signal == SIGSTOP || (caught & bit) != 0 || (blocked & bit) != 0;
        }
    }

    private InitReadiness() {
    }

    /**
     * Waits while {@code pid} is younger than {@code settle} and cannot take {@code signal} yet; true when the signal
     * can be sent (the init runs the command, or has ended), false when it still runs runc's init.
     */
    static boolean await(Path proc, int pid, int signal, Duration settle) {
        while (true) {
            Init init = read(proc, pid);
            if (init == null) {
                return true;
            }
            if (!init.runc() && init.takes(signal)) {
                return true;
            }
            if (init.ageSeconds() * 1000 >= settle.toMillis()) {
                return !init.runc();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !init.runc();
            }
        }
    }

    /** The init as /proc shows it, or null when it has ended. */
    private static Init read(Path proc, int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            // after "pid (comm) ": field 3 is the state, field 22 the start time in clock ticks since boot
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double uptime = Double.parseDouble(Files.readString(proc.resolve("uptime")).split(" ")[0]);
            double age = uptime - Long.parseLong(fields[19]) / CLOCK_TICKS;
            long caught = 0;
            long blocked = 0;
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("SigCgt:")) {
                    caught = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                } else if (line.startsWith("SigBlk:")) {
                    blocked = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                }
            }
            return new Init(comm.startsWith(RUNC_INIT), caught, blocked, age);
        } catch (IOException | RuntimeException ended) {
            return null;
        }
    }
}
