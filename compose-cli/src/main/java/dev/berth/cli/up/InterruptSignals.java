package dev.berth.cli.up;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) while attached, as Docker Compose handles it: the first press runs {@code first}, every later
 * press runs {@code again}; each on its own thread so that the signal thread returns at once. While installed, the
 * JVM does not exit on SIGINT; {@link #close()} puts the previous handler back.
 */
final class InterruptSignals implements AutoCloseable {
    private static final Signal INT = new Signal("INT");

    private final AtomicInteger presses = new AtomicInteger();
    private final CopyOnWriteArrayList<Thread> actions = new CopyOnWriteArrayList<>();
    private final SignalHandler previous;

    InterruptSignals(Runnable first, Runnable again) {
        previous = Signal.handle(INT, signal -> {
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
        Signal.handle(INT, previous);
    }
}
