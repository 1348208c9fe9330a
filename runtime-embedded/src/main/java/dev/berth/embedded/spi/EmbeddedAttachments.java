package dev.berth.embedded.spi;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineException;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.shim.OutputFrame;
import dev.berth.embedded.shim.ShimAttachment;
import dev.berth.embedded.util.Threads;
import dev.berth.runtime.AttachSpec;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.TerminalSize;
import dev.berth.runtime.io.BytePipe;
import dev.berth.runtime.io.CallbackProcessSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Attaching to a container's main process in the embedded engine. Once the container runs, the session connects to
 * its shim: the output from then on (attached before the start: since the start) and, with stdin, the client's
 * input to the container's stdin; what is typed before the start waits in a pipe. A container that ended before
 * its shim could be reached is served from its log.
 */
final class EmbeddedAttachments {
    private static final long START_POLL_MILLIS = 20;

    /** The runtime's wait for a container's exit. */
    @FunctionalInterface
    interface ExitWait {
        int waitForExit(ContainerId id) throws InterruptedException;
    }

    private final EmbeddedEngine engine;
    private final ExitWait exitWait;

    EmbeddedAttachments(EmbeddedEngine engine, ExitWait exitWait) {
        this.engine = engine;
        this.exitWait = exitWait;
    }

    /** Attaches; refuses stdin when the container was created without an open stdin. */
    ProcessSession attach(ContainerId id, AttachSpec spec) {
        ContainerInfo info = engine.inspect(id.value());
        if (spec.stdin() && !info.config().openStdin()) {
            throw new InvalidStateException("attach to", info.name(), "stdin: the container was created without an"
                    + " open stdin; attach without stdin, or create it with stdinOpen (stdin_open: true, run -i)");
        }
        Attached attached = new Attached(info, spec.stdin() ? new BytePipe() : null, Instant.now());
        Threads.daemon("berth-attach-" + id.shortId(), attached::relay);
        boolean tty = info.config().tty();
        return new CallbackProcessSession(tty, Optional.ofNullable(attached.input).map(BytePipe::sink),
                attached.out.source(), tty ? InputStream.nullInputStream() : attached.err.source(),
                size -> resize(info, size), () -> exitWait.waitForExit(id), attached::detach);
    }

    private void resize(ContainerInfo info, TerminalSize size) {
        try {
            engine.resize(info.id(), size.rows(), size.columns());
        } catch (EngineException.Conflict notRunning) {
            throw new InvalidStateException("resize the terminal of", info.name(), notRunning.getMessage());
        } catch (EngineException e) {
            throw new RuntimeOperationException("resize the terminal of", info.name(), e.getMessage(), e);
        }
    }

    /** One attachment: the pipes the session reads and writes, and the shim connection once there is one. */
    private final class Attached {
        private final ContainerInfo info;
        private final BytePipe input;
        private final Instant attachedAt;
        private final boolean runningBefore;
        private final BytePipe out = new BytePipe();
        private final BytePipe err = new BytePipe();
        private ShimAttachment live;
        private boolean detached;

        Attached(ContainerInfo info, BytePipe input, Instant attachedAt) {
            this.info = info;
            this.input = input;
            this.attachedAt = attachedAt;
            this.runningBefore = info.state().isRunning();
        }

        /** Output to the session until the container's output ends or the session detaches. */
        void relay() {
            try {
                if (!awaitStartAfter(info.id(), attachedAt)) {
                    return;
                }
                Optional<ShimAttachment> shim = engine.attach(info.id(), input != null, !runningBefore);
                if (shim.isPresent() && connected(shim.get())) {
                    if (input != null) {
                        Threads.daemon("berth-attach-stdin-" + info.id().substring(0, 12),
                                () -> forwardInput(shim.get()));
                    }
                    copyFrames(shim.get());
                } else if (shim.isEmpty()) {
                    engine.logs(info.id(), new LogQuery(true, true, attachedAt, null, -1, true),
                            entry -> deliver(entry.stream().equals("stderr") ? err : out,
                                    entry.line().getBytes(StandardCharsets.UTF_8)));
                }
            } catch (RuntimeException removedOrFailed) {
                // the container went away while attached: the output ends
            } finally {
                out.closeSink();
                err.closeSink();
                if (input != null) {
                    input.closeSource();
                }
            }
        }

        /** Keeps the shim connection for {@link #detach}; false (and closes it) when the session detached already. */
        private synchronized boolean connected(ShimAttachment shim) {
            if (detached) {
                shim.close();
                return false;
            }
            live = shim;
            return true;
        }

        private void copyFrames(ShimAttachment shim) {
            try (shim) {
                for (Optional<OutputFrame> frame = shim.next(); frame.isPresent(); frame = shim.next()) {
                    deliver(frame.get().stderr() ? err : out, frame.get().payload());
                }
            } catch (IOException detachedOrGone) {
                // the session detached, or the shim went away
            }
        }

        /** What the session writes to stdin (also before the container started) goes on to the container. */
        private void forwardInput(ShimAttachment shim) {
            byte[] buffer = new byte[8192];
            try (InputStream typed = input.source()) {
                OutputStream stdin = shim.stdin();
                int n;
                while ((n = typed.read(buffer)) >= 0) {
                    stdin.write(buffer, 0, n);
                }
                shim.closeStdin();
            } catch (IOException e) {
                // the session detached, or the container went away
            }
        }

        synchronized void detach() {
            detached = true;
            if (live != null) {
                live.close();
            }
            out.closeSource();
            err.closeSource();
        }
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

    private static void deliver(BytePipe to, byte[] data) {
        try {
            to.sink().write(data);
        } catch (IOException detached) {
            // the session closed its end
        }
    }
}
