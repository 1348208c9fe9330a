package dev.berth.daemon.api;

import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.LogRequest;
import dev.berth.daemon.backing.StreamFrames;
import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.ContainerStatus;
import dev.berth.embedded.EngineException;
import dev.berth.embedded.logs.LogEntry;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.shim.OutputFrame;
import dev.berth.embedded.shim.ShimAttachment;
import dev.berth.embedded.util.Threads;
import dev.berth.daemon.http.HttpExchange;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.io.DetachKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The streaming container endpoints: logs (Docker's stream framing), attach (output and stdin) and wait. */
final class ContainerStreamsHandler {
    private static final long POLL_MILLIS = 20;

    private final EngineBacking backing;

    ContainerStreamsHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("GET", "/containers/{}/logs", this::logs)
                .on("POST", "/containers/{}/attach", this::attach)
                .on("POST", "/containers/{}/wait", this::await);
    }

    private void logs(ApiCall call) throws IOException {
        ContainerInfo info = backing.engine().inspect(backing.runtime().inspect(ContainerId.of(call.path(0))).id()
                .value());
        LogRequest request = LogRequest.parse(call::param, call::flag);
        if (!request.stdout() && !request.stderr()) {
            throw ApiException.badRequest("you must choose at least one stream (stdout=1 and/or stderr=1)");
        }
        boolean tty = info.config().tty();
        StreamFrames frames = new StreamFrames(call.exchange().stream(200, tty ? StreamFrames.RAW
                : StreamFrames.MULTIPLEXED), tty);
        copy(info.id(), request.query(), request.timestamps(), frames);
    }

    /**
     * Docker's attach: the container's output from the moment it starts (with {@code logs=1}: from its first line)
     * until it stops, and on a hijacked connection with {@code stdin=1} the client's input to the container's stdin
     * (when it was created with {@code OpenStdin}; the client's half-close ends it for a {@code StdinOnce}
     * container). Output and input go through the container's shim, so a container started by an earlier engine
     * can be attached too; a container that ended before the shim could be reached is served from its log.
     */
    private void attach(ApiCall call) throws IOException {
        ContainerInfo info = backing.engine().inspect(backing.runtime().inspect(ContainerId.of(call.path(0))).id()
                .value());
        boolean tty = info.config().tty();
        // dockerd watches for the detach keys on terminals only: without one the input is passed on untouched
        Optional<DetachKeys> detachKeys = tty ? Optional.of(ClientInput.detachKeys(call.param("detachKeys")))
                : Optional.empty();
        Instant attachedAt = Instant.now();
        boolean runningBefore = info.state().isRunning();
        String contentType = tty ? StreamFrames.RAW : StreamFrames.MULTIPLEXED;
        OutputStream out;
        InputStream in = null;
        if (call.request().wantsUpgrade()) {
            HttpExchange.Hijacked connection = call.exchange().hijack(contentType);
            out = connection.out();
            in = call.flag("stdin") && info.config().openStdin() ? connection.in() : null;
        } else {
            out = call.exchange().stream(200, contentType);
        }
        backing.autoRemover().readerAttached(info.id());
        try {
            if (call.flag("stream") && awaitStartAfter(info.id(), attachedAt)) {
                StreamFrames frames = new StreamFrames(out, tty);
                boolean logs = call.flag("logs");
                if (logs) {
                    // what the container wrote before, as dockerd replays it
                    copy(info.id(), new LogQuery(call.flag("stdout"), call.flag("stderr"), null, null, -1, false),
                            false, frames);
                }
                // attached before it started (docker run): everything since its start, from the shim's replay
                Optional<ShimAttachment> live = backing.engine().attach(info.id(), in != null,
                        !runningBefore && !logs);
                if (live.isPresent()) {
                    Runnable detached = () -> backing.publish().container("detach", info.id(), Map.of());
                    relay(live.get(), in, detachKeys, detached, frames, call.flag("stdout"), call.flag("stderr"));
                } else if (!logs) {
                    copy(info.id(), new LogQuery(call.flag("stdout"), call.flag("stderr"), attachedAt, null, -1, true),
                            false, frames);
                }
            }
        } finally {
            backing.autoRemover().readerDetached(info.id());
        }
        out.close();
    }

    /**
     * Container output to the client, client input (if any) to the container, until the output ends or the client
     * typed the detach keys (then {@code detached} runs and the attachment ends; the container keeps running).
     */
    private static void relay(ShimAttachment live, InputStream clientInput, Optional<DetachKeys> detachKeys,
                              Runnable detached, StreamFrames frames, boolean stdout, boolean stderr) {
        try (live) {
            if (clientInput != null) {
                Threads.daemon("berth-attach-stdin", () -> forwardInput(clientInput, live, detachKeys, detached));
            }
            for (Optional<OutputFrame> frame = live.next(); frame.isPresent(); frame = live.next()) {
                if (frame.get().stderr() ? stderr : stdout) {
                    frames.write(frame.get().stderr(), frame.get().payload());
                }
            }
        } catch (IOException e) {
            // the client went away, or the shim did
        }
    }

    private static void forwardInput(InputStream clientInput, ShimAttachment live, Optional<DetachKeys> detachKeys,
                                     Runnable detached) {
        try {
            if (ClientInput.copy(clientInput, live.stdin(), detachKeys)) {
                detached.run();
                live.close(); // ends the output relay, and with it the connection
            } else {
                live.closeStdin();
            }
        } catch (IOException e) {
            // the client or the container went away
        }
    }

    /** Waits until the container runs, or ran and exited after {@code after}; false if it was removed. */
    private boolean awaitStartAfter(String id, Instant after) {
        while (true) {
            ContainerInfo now;
            try {
                now = backing.engine().inspect(id);
            } catch (RuntimeException e) {
                return false;
            }
            ContainerStatus status = now.state().status();
            boolean exitedSince = now.state().finishedAt() != null
                    && !Instant.parse(now.state().finishedAt()).isBefore(after);
            if (status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED || exitedSince) {
                return true;
            }
            if (!sleep()) {
                return false;
            }
        }
    }

    private void copy(String id, LogQuery query, boolean timestamps, StreamFrames frames) {
        try {
            backing.engine().logs(id, query, entry -> write(frames, entry, timestamps));
        } catch (UncheckedIOException e) {
            // the client closed the stream
        } catch (EngineException.NotFound e) {
            // the container was removed while its output was followed: the stream ends
        }
    }

    private static void write(StreamFrames frames, LogEntry entry, boolean timestamps) {
        try {
            frames.write(entry.stream().equals("stderr"), timestamps ? entry.time() + " " + entry.line() : entry.line());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code condition}: {@code not-running} (default), {@code next-exit} or {@code removed}. */
    private void await(ApiCall call) throws IOException {
        ContainerId id = backing.runtime().inspect(ContainerId.of(call.path(0))).id();
        String condition = call.param("condition").filter(c -> !c.isEmpty()).orElse("not-running");
        if (!condition.equals("not-running") && !condition.equals("next-exit") && !condition.equals("removed")) {
            throw ApiException.badRequest("condition: '" + condition + "' is not one of not-running, next-exit,"
                    + " removed");
        }
        Instant requestedAt = Instant.now();
        OutputStream out = call.exchange().stream(200, "application/json");
        int code;
        try {
            if (!condition.equals("not-running") && !awaitStartAfter(id.value(), requestedAt)) {
                code = lastExitCode(id);
            } else {
                code = backing.runtime().waitForExit(id);
            }
            if (condition.equals("removed")) {
                awaitRemoved(id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (NotFoundException e) {
            code = backing.autoRemover().exitCodeOfRemoved(id.value()).orElse(0);
        }
        out.write(Json.MAPPER.writeValueAsBytes(Json.object().put("StatusCode", code).putNull("Error")));
        out.write('\n');
        out.close();
    }

    private int lastExitCode(ContainerId id) {
        try {
            return backing.runtime().inspect(id).state().exitCode();
        } catch (NotFoundException e) {
            return backing.autoRemover().exitCodeOfRemoved(id.value()).orElse(0);
        }
    }

    private void awaitRemoved(ContainerId id) {
        while (true) {
            try {
                backing.engine().inspect(id.value());
            } catch (RuntimeException gone) {
                return;
            }
            if (!sleep()) {
                return;
            }
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
