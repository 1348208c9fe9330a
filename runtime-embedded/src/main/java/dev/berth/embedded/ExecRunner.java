package dev.berth.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.oci.OciRuntime;
import dev.berth.embedded.oci.OciSpecFactory;
import dev.berth.embedded.oci.ResolvedUser;
import dev.berth.embedded.oci.UserResolver;
import dev.berth.embedded.shim.ExecTerminal;
import dev.berth.embedded.shim.TerminalExec;
import dev.berth.embedded.util.Files2;
import dev.berth.embedded.util.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs processes in running containers, with the container's process settings (environment, user, capabilities)
 * under the exec's own command, environment, user and working directory: with pipes through {@code runc exec}, or
 * on a pseudo-terminal through berth-shim's exec mode.
 */
final class ExecRunner {
    /** What {@link #withPipes} returns when the process outlived its timeout and was killed. */
    static final int TIMED_OUT = Integer.MIN_VALUE;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where an exec runs: the running container, its image defaults, its mounted root and its run directory. */
    record Target(ContainerInfo container, ImageConfig.Defaults image, Path rootfs, Path runDir) {
    }

    private final OciRuntime runtime;
    private final OciSpecFactory specs;
    private final TerminalExec terminals;

    ExecRunner(OciRuntime runtime, OciSpecFactory specs, TerminalExec terminals) {
        this.runtime = runtime;
        this.specs = specs;
        this.terminals = terminals;
    }

    /**
     * Output is copied to {@code stdout} and {@code stderr} as it comes, {@code stdin} (null for none) to the process
     * until it ends. Returns the exit code, or {@link #TIMED_OUT} when {@code timeout} (null: none) passed first.
     */
    int withPipes(Target target, ExecConfig exec, InputStream stdin, OutputStream stdout, OutputStream stderr,
                  Duration timeout) throws InterruptedException {
        Path file = writeProcess(target, exec, null);
        try {
            Process p = runtime.exec(target.container().id(), file, stdin != null);
            Thread errPump = Threads.daemon("berth-exec-err", () -> copy(p.getErrorStream(), stderr));
            Thread outPump = Threads.daemon("berth-exec-out", () -> copy(p.getInputStream(), stdout));
            if (stdin != null) {
                Threads.daemon("berth-exec-in", () -> {
                    try (OutputStream toProcess = p.getOutputStream()) {
                        copy(stdin, toProcess);
                    } catch (IOException ignored) {
                        // the process ended first
                    }
                });
            }
            if (timeout != null && !p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroy();
                if (!p.waitFor(1, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                return TIMED_OUT;
            }
            int code = p.waitFor();
            outPump.join();
            errPump.join();
            return code;
        } finally {
            deleteQuietly(file);
        }
    }

    /** On a pseudo-terminal: {@code stdin} (null for none) to it, its output to {@code output}. */
    int withTerminal(Target target, ExecConfig exec, InputStream stdin, OutputStream output, ExecTerminal terminal)
            throws InterruptedException {
        Path file = writeProcess(target, exec, terminal.size());
        try {
            return terminals.run(target.container().id(), file, target.runDir().resolve(file.getFileName()
                    .toString().replace(".json", ".pid")), stdin, output, terminal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** The process.json of an exec; with a {@code terminalSize} ([rows, columns]) on a terminal of that size. */
    private Path writeProcess(Target target, ExecConfig exec, int[] terminalSize) {
        boolean terminal = terminalSize != null;
        ContainerInfo info = target.container();
        OciSpecFactory.ProcessSpec base = specs.process(info.config(), target.image(), target.rootfs(),
                info.hostname());
        ResolvedUser user = exec.user() == null ? base.user()
                : new UserResolver(target.rootfs()).resolve(exec.user(), info.config().groupAdd());
        List<String> env = new ArrayList<>(base.env());
        exec.env().forEach((k, v) -> {
            env.removeIf(e -> e.startsWith(k + "="));
            env.add(k + "=" + v);
        });
        if (terminal && env.stream().noneMatch(e -> e.startsWith("TERM="))) {
            env.add("TERM=xterm");
        }
        OciSpecFactory.ProcessSpec process = new OciSpecFactory.ProcessSpec(exec.command(), env,
                exec.workingDir() != null ? exec.workingDir() : base.cwd(), user, terminal, base.capabilities());
        byte[] name = new byte[6];
        RANDOM.nextBytes(name);
        Path file = target.runDir().resolve("exec-" + HexFormat.of().formatHex(name) + ".json");
        ObjectNode json = specs.execProcess(process, info.config());
        if (terminal && terminalSize[0] > 0 && terminalSize[1] > 0) {
            // runc sizes the terminal before the process starts; a resize afterwards could come too late
            json.putObject("consoleSize").put("height", terminalSize[0]).put("width", terminalSize[1]);
        }
        Files2.writeAtomically(file, Json.write(json));
        return file;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale exec file in the run directory goes with the container
        }
    }

    /**
     * Copies until {@code from} ends, flushing each read so that streamed output arrives as it is written. When
     * {@code to} fails (its reader went away) the rest is read and dropped, so that the process never blocks on a
     * full pipe.
     */
    private static void copy(InputStream from, OutputStream to) {
        byte[] buffer = new byte[8192];
        boolean writable = true;
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                if (writable) {
                    try {
                        to.write(buffer, 0, n);
                        to.flush();
                    } catch (IOException readerGone) {
                        writable = false;
                    }
                }
            }
        } catch (IOException ignored) {
            // the source ended
        }
    }
}
