package dev.berth.daemon.backing;

import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeOperationException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Waits, on one thread per started container, for its main process to exit, then reports the exit code (the
 * {@code die} event, auto-removal). A container is watched once at a time however often it is started.
 */
public final class ExitWatcher {
    private final ContainerRuntime runtime;
    private final BiConsumer<ContainerId, Integer> onExit;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    ExitWatcher(ContainerRuntime runtime, BiConsumer<ContainerId, Integer> onExit) {
        this.runtime = runtime;
        this.onExit = onExit;
    }

    public void started(ContainerId id) {
        if (!watched.add(id.value())) {
            return;
        }
        Thread watcher = new Thread(() -> {
            try {
                int code = runtime.waitForExit(id);
                watched.remove(id.value());
                onExit.accept(id, code);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeOperationException e) {
                // removed meanwhile: nothing to report
            } finally {
                watched.remove(id.value());
            }
        }, "berth-exit-" + id.shortId());
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Attributes of a die event. */
    static Map<String, String> exitAttributes(int code) {
        return Map.of("exitCode", Integer.toString(code));
    }
}
