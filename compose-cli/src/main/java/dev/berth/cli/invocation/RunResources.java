package dev.berth.cli.invocation;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a run opened and must close when it ends (runtime connections, above all): a short-lived process could leave
 * them to its exit, but a run inside the resident CLI server must not leak them. Closed in reverse order of
 * registration; closing twice does nothing the second time.
 */
public final class RunResources {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /** Registers {@code resource} to be closed when the run ends; returns it. */
    public synchronized <T extends AutoCloseable> T closeAtEnd(T resource) {
        open.push(resource);
        return resource;
    }

    /** Closes everything registered so far; failures to close are ignored (the run is over either way). */
    public void closeAll() {
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = open.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.close();
            } catch (Exception e) {
                // nothing to report to: the run has ended
            }
        }
    }
}
