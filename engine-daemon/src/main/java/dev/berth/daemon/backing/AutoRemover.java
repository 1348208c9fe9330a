package dev.berth.daemon.backing;

import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeOperationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Docker's {@code HostConfig.AutoRemove} ({@code docker run --rm}): when a marked container exits it is removed
 * with its anonymous volumes, once attached clients have read its last output. The marks live in the daemon's
 * memory only.
 */
public final class AutoRemover {
    /** How long removal waits for attached clients to read the last output. */
    private static final Duration READER_GRACE = Duration.ofSeconds(10);

    private final ContainerRuntime runtime;
    private final Consumer<ContainerId> beforeRemoval;
    private final Set<String> marked = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> removedExitCodes = new ConcurrentHashMap<>();
    private final Map<String, Integer> readers = new ConcurrentHashMap<>();

    AutoRemover(ContainerRuntime runtime, Consumer<ContainerId> beforeRemoval) {
        this.runtime = runtime;
        this.beforeRemoval = beforeRemoval;
    }

    public void mark(ContainerId id) {
        marked.add(id.value());
    }

    public boolean isMarked(String id) {
        return marked.contains(id);
    }

    /** An attached client starts reading the container's output; removal waits until it has read it all. */
    public void readerAttached(String id) {
        readers.merge(id, 1, Integer::sum);
    }

    public void readerDetached(String id) {
        readers.computeIfPresent(id, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** The exit code of a container this remover removed (for waits that come too late to see it exit). */
    public Optional<Integer> exitCodeOfRemoved(String id) {
        return Optional.ofNullable(removedExitCodes.get(id));
    }

    /** Called as a container's exit is recorded: removes it on another thread if it is marked. */
    void exitedLater(ContainerId id, int code) {
        if (marked.contains(id.value())) {
            Thread remover = new Thread(() -> exited(id, code), "berth-auto-remove-" + id.shortId());
            remover.setDaemon(true);
            remover.start();
        }
    }

    /** Removes the container if it is marked, once attached readers have its last output. */
    void exited(ContainerId id, int code) {
        if (!marked.contains(id.value())) {
            return;
        }
        removedExitCodes.put(id.value(), code);
        try {
            awaitReaders(id.value());
            beforeRemoval.accept(id);
            runtime.remove(id, true, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeOperationException e) {
            // removed by someone else meanwhile
        } finally {
            marked.remove(id.value());
        }
    }

    private void awaitReaders(String id) throws InterruptedException {
        long deadline = System.nanoTime() + READER_GRACE.toNanos();
        while (readers.containsKey(id) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
