package dev.berth.embedded.spi;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.ExecConfig;
import dev.berth.embedded.shim.ExecTerminal;
import dev.berth.embedded.util.Threads;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.TerminalSize;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import dev.berth.runtime.io.BytePipe;
import dev.berth.runtime.io.CallbackProcessSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Exec sessions of the embedded engine: a process in a running container with its streams connected, on pipes or
 * on a pseudo-terminal (through the engine's shim), run on a thread of its own while the session lasts.
 */
final class EmbeddedSessions {
    private final EmbeddedEngine engine;

    EmbeddedSessions(EmbeddedEngine engine) {
        this.engine = engine;
    }

    /** Starts the exec on a thread of its own. */
    ProcessSession startExec(ContainerId id, ExecSpec spec) {
        if (spec.privileged()) {
            throw new UnsupportedOperationRuntimeException("exec in container", id.value(),
                    "privileged: privileged exec is not supported yet");
        }
        ContainerInfo info = engine.inspect(id.value());
        if (!info.state().isRunning()) {
            throw new InvalidStateException("exec in container", id.value(), "container " + info.name() + " is "
                    + info.state().status().name().toLowerCase(Locale.ROOT) + ", not running");
        }
        BytePipe in = new BytePipe();
        BytePipe out = new BytePipe();
        BytePipe err = new BytePipe();
        ExecConfig config = new ExecConfig(spec.command(), spec.env(), spec.user().orElse(null),
                spec.workingDir().orElse(null));
        ExecTerminal terminal = new ExecTerminal();
        InputStream stdin = spec.stdin() ? in.source() : null;
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Threads.daemon("berth-exec-session-" + id.shortId(), () -> {
            try {
                exit.complete(spec.tty()
                        ? engine.execWithTerminal(info.id(), config, stdin, out.sink(), terminal)
                        : engine.exec(info.id(), config, stdin, out.sink(), err.sink()));
            } catch (RuntimeException e) {
                exit.completeExceptionally(e);
            } finally {
                out.closeSink();
                err.closeSink();
                in.closeSource();
            }
        });
        return new CallbackProcessSession(spec.tty(), spec.stdin() ? Optional.of(in.sink()) : Optional.empty(),
                out.source(), spec.tty() ? InputStream.nullInputStream() : err.source(),
                size -> resize(id, terminal, exit, size), () -> exitCode(id, exit), () -> {
                    out.closeSource();
                    err.closeSource();
                });
    }

    private static void resize(ContainerId id, ExecTerminal terminal, CompletableFuture<Integer> exit,
                               TerminalSize size) {
        if (exit.isDone()) {
            throw new InvalidStateException("resize the terminal of an exec in", id.value(), "the process has"
                    + " exited");
        }
        try {
            terminal.resize(size.rows(), size.columns());
        } catch (IOException e) {
            if (exit.isDone()) {
                throw new InvalidStateException("resize the terminal of an exec in", id.value(), "the process has"
                        + " exited");
            }
            throw new RuntimeOperationException("resize the terminal of an exec in", id.value(),
                    "the exec's shim did not take the new size: " + e.getMessage(), e);
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
