package dev.berth.embedded.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads moving blobs in parallel; {@link #runAll} waits for every task and rethrows the first failure. */
final class TransferPool implements AutoCloseable {
    private final ExecutorService executor;

    TransferPool(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    <T> CompletableFuture<T> submit(java.util.function.Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, executor);
    }

    /** Waits for all futures (so nothing is still writing when this returns) and rethrows the first failure. */
    static void awaitAll(List<? extends CompletableFuture<?>> futures) {
        RuntimeException first = null;
        for (CompletableFuture<?> future : new ArrayList<>(futures)) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while transferring blobs", e);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = unwrap(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    static RuntimeException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
