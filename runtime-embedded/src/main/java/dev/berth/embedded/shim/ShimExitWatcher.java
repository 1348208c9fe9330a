package dev.berth.embedded.shim;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Learns when containers end: their shims' directories are watched (inotify) for the {@code exit} record, and a
 * sweep every few seconds notices shims that died without writing one (killed). Each container is reported once
 * per {@link #watch}, with its id; whoever listens reads the exit record (none: the shim died). The listener is
 * called on the watcher's threads and must hand long work off.
 */
public final class ShimExitWatcher implements AutoCloseable {
    static final long SWEEP_MILLIS = 2000;

    private record Watched(ShimDirectory dir, WatchKey key) {
    }

    private final WatchService service;
    private final Consumer<String> ended;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final Map<WatchKey, String> ids = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "berth-shim-sweep");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread events;

    public ShimExitWatcher(Consumer<String> ended) {
        this.ended = ended;
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new ShimException("cannot watch for container exits: " + e.getMessage());
        }
        this.events = new Thread(this::takeEvents, "berth-shim-exits");
        events.setDaemon(true);
        events.start();
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches a container's shim directory (which must exist); an exit record already there is reported at once.
     */
    public void watch(String id, ShimDirectory dir) {
        unwatch(id);
        WatchKey key;
        try {
            key = dir.path().register(service, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException e) {
            throw new ShimException("cannot watch " + dir.path() + " for the exit of container " + id + ": "
                    + e.getMessage());
        }
        watched.put(id, new Watched(dir, key));
        ids.put(key, id);
        if (dir.exit().isPresent()) {
            report(id);
        }
    }

    public void unwatch(String id) {
        Watched old = watched.remove(id);
        if (old != null) {
            ids.remove(old.key());
            old.key().cancel();
        }
    }

    private void takeEvents() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            String id = ids.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    watched.forEach((other, w) -> {
                        if (w.dir().exit().isPresent()) {
                            report(other);
                        }
                    });
                } else if (id != null && event.context() instanceof Path name
                        && name.toString().equals(ShimDirectory.EXIT)) {
                    report(id);
                }
            }
            key.reset();
        }
    }

    private void sweep() {
        watched.forEach((id, w) -> {
            boolean exited = w.dir().exit().isPresent();
            // a shim that has not written its pid yet is still starting (the launch reports its failures)
            if (exited || (w.dir().used() && !w.dir().shimAlive(id) && w.dir().exit().isEmpty())) {
                report(id);
            }
        });
    }

    /** Reports once per watch: whoever removes the entry first reports. */
    private void report(String id) {
        Watched w = watched.remove(id);
        if (w == null) {
            return;
        }
        ids.remove(w.key());
        w.key().cancel();
        try {
            ended.accept(id);
        } catch (RuntimeException e) {
            // the listener reports its own failures; the watcher goes on with the other containers
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            service.close();
        } catch (IOException e) {
            // closing anyway
        }
        events.interrupt();
    }
}
