package dev.berth.embedded;

import dev.berth.embedded.shim.ShimDirectory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's handle on one running container: its shim's directory (where the exit record appears), whether a
 * stop was asked for, and a future completed with the exit status once the exit is recorded.
 */
final class RunningContainer {
    final String id;
    final ShimDirectory shim;
    final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    RunningContainer(String id, ShimDirectory shim) {
        this.id = id;
        this.shim = shim;
    }

    /** True for the first caller only: the one who handles the end of the container. */
    boolean claimEnd() {
        return ended.compareAndSet(false, true);
    }
}
