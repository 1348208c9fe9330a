package dev.berth.embedded.spi;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.ExecConfig;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.util.Threads;
import dev.berth.runtime.AttachSpec;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import dev.berth.runtime.io.BytePipe;
import dev.berth.runtime.io.CallbackProcessSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What the embedded engine offers of interactive sessions today: an exec with stdin (no terminal), and attaching to
 * a container's output, which follows its log from the moment of attaching. The engine has no pseudo-terminals and
 * keeps no stdin pipe to a container's main process yet, so an exec with a terminal and attaching stdin are refused
 * with {@link UnsupportedOperationRuntimeException}.
 */
final class EmbeddedSessions {
    private static final long START_POLL_MILLIS = 20;

    /** The runtime's wait for a container's exit. */
    @FunctionalInterface
    interface ExitWait {
        int waitForExit(ContainerId id) throws InterruptedException;
    }

    private final EmbeddedEngine engine;
    private final ExitWait exitWait;

    EmbeddedSessions(EmbeddedEngine engine, ExitWait exitWait) {
        this.engine = engine;
        this.exitWait = exitWait;
    }

    /** Starts the exec on a thread of its own. */
    ProcessSession startExec(ContainerId id, ExecSpec spec) {
        if (spec.tty()) {
            throw new UnsupportedOperationRuntimeException("exec in container", id.value(), "tty: the embedded engine"
                    + " cannot give a process a terminal yet (it has no pseudo-terminals); run it without one"
                    + " (berth exec -T), or use --runtime docker");
        }
        if (spec.privileged()) {
            throw new UnsupportedOperationRuntimeException("exec in container", id.value(),
                    "privileged: privileged exec is not supported yet");
        }
        ContainerInfo info = engine.inspect(id.value());
        if (!info.state().isRunning()) {
            throw new InvalidStateException("exec in container", id.value(), "container " + info.name() + " is "
                    + info.state().status().name().toLowerCase(java.util.Locale.ROOT) + ", not running");
        }
        BytePipe in = new BytePipe();
        BytePipe out = new BytePipe();
        BytePipe err = new BytePipe();
        ExecConfig config = new ExecConfig(spec.command(), spec.env(), spec.user().orElse(null),
                spec.workingDir().orElse(null));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Threads.daemon("berth-exec-session-" + id.shortId(), () -> {
            try {
                exit.complete(engine.exec(id.value(), config, spec.stdin() ? in.source() : null, out.sink(),
                        err.sink()));
            } catch (RuntimeException e) {
                exit.completeExceptionally(e);
            } finally {
                out.closeSink();
                err.closeSink();
                in.closeSource();
            }
        });
        return new CallbackProcessSession(false, spec.stdin() ? Optional.of(in.sink()) : Optional.empty(),
                out.source(), err.source(), size -> { }, () -> exitCode(id, exit), () -> {
                    out.closeSource();
                    err.closeSource();
                });
    }

    /** Follows the container's output from now on; refuses stdin. */
    ProcessSession attach(ContainerId id, AttachSpec spec) {
        ContainerInfo info = engine.inspect(id.value());
        if (spec.stdin()) {
            throw new UnsupportedOperationRuntimeException("attach to", info.name(), "stdin: the embedded engine keeps"
                    + " no stdin pipe to a container's main process yet; attach without stdin (--no-stdin,"
                    + " run -i=false), or use --runtime docker");
        }
        Instant attachedAt = Instant.now();
        BytePipe out = new BytePipe();
        BytePipe err = new BytePipe();
        Threads.daemon("berth-attach-" + id.shortId(), () -> {
            try {
                if (awaitStartAfter(info.id(), attachedAt)) {
                    engine.logs(info.id(), new LogQuery(true, true, attachedAt, null, -1, true),
                            entry -> deliver(entry.stream().equals("stderr") ? err : out, entry.line()));
                }
            } catch (RuntimeException removedOrFailed) {
                // the container went away while followed: the output ends
            } finally {
                out.closeSink();
                err.closeSink();
            }
        });
        return new CallbackProcessSession(info.config().tty(), Optional.empty(), out.source(),
                info.config().tty() ? InputStream.nullInputStream() : err.source(), size -> {
                    throw new UnsupportedOperationRuntimeException("resize the terminal of", info.name(),
                            "the embedded engine has no pseudo-terminals yet");
                }, () -> exitWait.waitForExit(id), () -> {
                    out.closeSource();
                    err.closeSource();
                });
    }

    /** Waits until the container runs, or ran and exited since {@code after}; false when it was removed. */
    private boolean awaitStartAfter(String id, Instant after) {
        while (true) {
            ContainerInfo now = engine.inspect(id);
            String finished = now.state().finishedAt();
            boolean exitedSince = finished != null && !finished.isEmpty() && !Instant.parse(finished).isBefore(after);
            if (now.state().isRunning() || exitedSince) {
                return true;
            }
            try {
                Thread.sleep(START_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static void deliver(BytePipe to, String line) {
        try {
            OutputStream sink = to.sink();
            sink.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException detached) {
            // the client closed its end
        }
    }

    private static int exitCode(ContainerId id, CompletableFuture<Integer> exit) throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeOperationException r) {
                throw r;
            }
            throw new RuntimeOperationException("exec in container", id.value(), String.valueOf(cause.getMessage()),
                    cause);
        }
    }
}
