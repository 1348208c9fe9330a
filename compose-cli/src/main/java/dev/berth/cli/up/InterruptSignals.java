package dev.berth.cli.up;

import dev.berth.cli.invocation.Interrupts;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C while attached, as Docker Compose handles it: the first press runs {@code first}, every later press runs
 * {@code again}; each on its own thread so that the thread delivering the interrupt returns at once. While
 * installed, an interrupt does not end the run; {@link #close()} restores the default.
 */
final class InterruptSignals implements AutoCloseable {
    private final AtomicInteger presses = new AtomicInteger();
    private final CopyOnWriteArrayList<Thread> actions = new CopyOnWriteArrayList<>();
    private final Interrupts.Interception interception;

    InterruptSignals(Interrupts interrupts, Runnable first, Runnable again) {
        interception = interrupts.intercept(() -> {
            int press = presses.incrementAndGet();
            Thread t = new Thread(press == 1 ? first : again, "berth-interrupt-" + press);
            t.setDaemon(true);
            actions.add(t);
            t.start();
        });
    }

    /** Whether Ctrl-C was pressed at least once. */
    boolean pressed() {
        return presses.get() > 0;
    }

    /** Waits until the actions of the presses so far have finished. */
    void awaitActions() throws InterruptedException {
        for (Thread t : actions) {
            t.join();
        }
    }

    @Override
    public void close() {
        interception.close();
    }
}
