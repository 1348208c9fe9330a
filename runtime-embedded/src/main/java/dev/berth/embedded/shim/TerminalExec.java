package dev.berth.embedded.shim;

import dev.berth.embedded.oci.OciRuntime;
import dev.berth.embedded.util.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a process in a running container on a pseudo-terminal, through berth-shim's {@code exec} mode: input is
 * copied to the terminal, the terminal's output (stdout and stderr alike, as with any terminal) to {@code output},
 * and the {@link ExecTerminal} resizes it meanwhile.
 */
public final class TerminalExec {
    private static final long CONTROL_WAIT_MILLIS = 2000;

    private final Path shim;
    private final OciRuntime runtime;
    private final ShimSockets sockets;

    public TerminalExec(Path shim, OciRuntime runtime, ShimSockets sockets) {
        this.shim = shim;
        this.runtime = runtime;
        this.sockets = sockets;
    }

    /**
     * Runs the process described by {@code processJson} (with {@code terminal: true}) in container {@code id};
     * {@code pidFile} is where its pid goes (removed afterwards). Returns the exit code (128+n for signal n; the
     * runtime's own failure code, with its message in the output, when the process did not start).
     */
    public int run(String id, Path processJson, Path pidFile, InputStream input, OutputStream output,
                   ExecTerminal terminal) throws IOException, InterruptedException {
        ShimSockets.ExecSockets paths = sockets.exec();
        Process process = new ProcessBuilder(List.of(shim.toString(), "exec",
                "--runtime", runtime.binary().toString(), "--runtime-root", runtime.stateRoot().toString(),
                "--id", id, "--process", processJson.toString(), "--control", paths.control().toString(),
                "--console", paths.console().toString(), "--pid-file", pidFile.toString())).start();
        try {
            Thread out = Threads.daemon("berth-exec-tty-out", () -> copy(process.getInputStream(), output));
            Thread err = Threads.daemon("berth-exec-tty-err", () -> copy(process.getErrorStream(), output));
            if (input != null) {
                Threads.daemon("berth-exec-tty-in", () -> {
                    try (OutputStream toTerminal = process.getOutputStream()) {
                        byte[] buffer = new byte[8192];
                        int n;
                        while ((n = input.read(buffer)) >= 0) {
                            toTerminal.write(buffer, 0, n);
                            toTerminal.flush();
                        }
                    } catch (IOException ignored) {
                        // the process ended or the client went away
                    }
                });
            } else {
                process.getOutputStream().close();
            }
            bindWhenListening(terminal, paths.control(), process);
            int code = process.waitFor();
            terminal.end();
            out.join();
            err.join();
            return code;
        } finally {
            if (process.isAlive()) {
                process.destroy();
                process.waitFor(1, TimeUnit.SECONDS);
            }
            for (Path file : List.of(paths.control(), paths.console(), pidFile)) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The shim creates its control socket first thing; resizing works from then on. */
    private static void bindWhenListening(ExecTerminal terminal, Path control, Process process)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONTROL_WAIT_MILLIS);
        while (!Files.exists(control)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(2);
        }
        try {
            terminal.bind(control);
        } catch (IOException e) {
            if (process.isAlive()) {
                throw e;
            }
        }
    }

    /** Copies as it comes (stdout and stderr of the shim share {@code to}); when {@code to} fails (the client went away) the rest is read and dropped. */
    private static void copy(InputStream from, OutputStream to) {
        byte[] buffer = new byte[8192];
        boolean writable = true;
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                if (writable) {
                    try {
                        synchronized (to) {
                            to.write(buffer, 0, n);
                            to.flush();
                        }
                    } catch (IOException clientGone) {
                        writable = false;
                    }
                }
            }
        } catch (IOException ignored) {
            // the shim ended
        }
    }
}
