package dev.berth.embedded;

import dev.berth.embedded.logs.JsonFileLogWriter;
import dev.berth.embedded.util.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's handle on one running container: the foreground runtime process (the container's parent), its log
 * pumps, an optional OOM watcher ({@code runc events}), and a future completed with the exit status.
 */
final class RunningContainer {
    final String id;
    final Process process;
    final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    final AtomicBoolean stopRequested = new AtomicBoolean();
    private final Thread stdoutPump;
    private final Thread stderrPump;
    private final AtomicBoolean oomSeen = new AtomicBoolean();
    private volatile Process events;

    RunningContainer(String id, Process process, JsonFileLogWriter log) {
        this.id = id;
        this.process = process;
        this.stdoutPump = Threads.daemon("berth-log-out-" + id.substring(0, 12), () -> log.pump("stdout", process.getInputStream()));
        this.stderrPump = Threads.daemon("berth-log-err-" + id.substring(0, 12), () -> log.pump("stderr", process.getErrorStream()));
    }

    /** Watches {@code runc events} output for an {@code oom} event. */
    void watchOom(Process eventsProcess) {
        this.events = eventsProcess;
        Threads.daemon("berth-oom-" + id.substring(0, 12), () -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(eventsProcess.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.contains("\"type\":\"oom\"")) {
                        oomSeen.set(true);
                    }
                }
            } catch (IOException e) {
                // the watcher ends with the container
            }
        });
    }

    /** Blocks until the runtime process ends and its output is drained; returns the raw exit code. */
    int awaitExit() throws InterruptedException {
        int code = process.waitFor();
        stdoutPump.join(5000);
        stderrPump.join(5000);
        return code;
    }

    /** Whether an OOM kill was reported; gives the watcher a moment when the exit looks like a SIGKILL. */
    boolean oomKilled(int exitCode) throws InterruptedException {
        Process watcher = events;
        if (watcher == null) {
            return false;
        }
        if (exitCode == 137) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (!oomSeen.get() && System.nanoTime() < deadline && watcher.isAlive()) {
                Thread.sleep(10);
            }
        }
        watcher.destroy();
        return oomSeen.get();
    }
}
