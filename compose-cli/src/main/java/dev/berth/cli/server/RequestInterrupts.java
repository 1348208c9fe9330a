package dev.berth.cli.server;

import dev.berth.cli.invocation.Interrupts;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The interrupts of one request: the signals its client forwards (SIGINT, SIGTERM, SIGHUP). Each goes to the
 * command's interception when it has one, as Ctrl-C would in its own JVM; otherwise {@code byDefault} ends the
 * request with 128 + the signal number.
 */
final class RequestInterrupts implements Interrupts {
    private final AtomicReference<Runnable> interception = new AtomicReference<>();
    private final IntConsumer byDefault;

    RequestInterrupts(IntConsumer byDefault) {
        this.byDefault = byDefault;
    }

    @Override
    public Interception intercept(Runnable onInterrupt) {
        Runnable previous = interception.getAndSet(onInterrupt);
        return () -> interception.compareAndSet(onInterrupt, previous);
    }

    /** A signal from the client. */
    void deliver(int signal) {
        Runnable handler = interception.get();
        if (handler != null) {
            handler.run();
        } else {
            byDefault.accept(signal);
        }
    }
}
