package dev.berth.embedded.spi;

import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogStream;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A {@link LogStream} fed by a reader thread (the engine's blocking follow); it ends when the reader returns and
 * {@link #close()} interrupts the reader.
 */
final class FollowingLogStream implements LogStream {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread reader;
    private Object next;

    /** Starts {@code read} on a daemon thread; it must return when interrupted. */
    FollowingLogStream(String threadName, Consumer<Consumer<LogEntry>> read) {
        reader = new Thread(() -> {
            try {
                read.accept(queue::add);
            } catch (RuntimeException e) {
                queue.add(e);
            } finally {
                queue.add(END);
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next = END;
            }
        }
        if (next instanceof RuntimeException e) {
            next = END;
            throw e;
        }
        return next != END;
    }

    @Override
    public LogEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LogEntry entry = (LogEntry) next;
        next = null;
        return entry;
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
