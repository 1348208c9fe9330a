package dev.berth.daemon.http;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One daemon thread per open connection (they carry long streams such as followed logs), and the connections still
 * open, so that a listener closing can close them too.
 */
final class ConnectionWorkers {
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService threads;

    ConnectionWorkers(String threadPrefix) {
        threads = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, threadPrefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code serve} for {@code connection} on a thread of its own; the connection counts as open until then. */
    void serve(Closeable connection, Runnable serve) {
        open.add(connection);
        threads.execute(() -> {
            try {
                serve.run();
            } finally {
                open.remove(connection);
            }
        });
    }

    /** Closes every open connection and stops the threads. */
    void closeAll() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
