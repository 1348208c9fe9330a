package dev.berth.embedded.shim;

import dev.berth.embedded.oci.OciRuntime;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts containers under berth-shim ({@code run} mode): the shim runs {@code <runtime> run --detach} in its own
 * session and stays as the container's parent; this call returns once the container runs.
 */
public final class ShimLauncher {
    private static final File DEV_NULL = new File("/dev/null");

    /** What to start: the OCI bundle, where the shim keeps its files, the log, and the container's stdio. */
    public record Launch(String id, Path bundle, ShimDirectory state, Path log, long logMaxSize, int logMaxFiles,
                         boolean tty, boolean stdin, boolean stdinOnce) {
    }

    /** A failed start: the shim's (or the runtime's) reason. */
    public static final class StartFailed extends ShimException {
        public StartFailed(String message) {
            super(message);
        }
    }

    private final Path shim;
    private final OciRuntime runtime;

    public ShimLauncher(Path shim, OciRuntime runtime) {
        this.shim = shim;
        this.runtime = runtime;
    }

    /** The installed shim binary. */
    public Path binary() {
        return shim;
    }

    /**
     * Starts the container and returns its init pid.
     *
     * @throws StartFailed when the runtime could not start it (its own messages are in the container's log, as
     *     stderr records, where the runtime wrote them)
     */
    public int start(Launch launch) {
        List<String> command = new ArrayList<>(List.of(shim.toString(), "run",
                "--runtime", runtime.binary().toString(), "--runtime-root", runtime.stateRoot().toString(),
                "--id", launch.id(), "--bundle", launch.bundle().toString(),
                "--state", launch.state().path().toString(), "--socket", launch.state().socket().toString(),
                "--log", launch.log().toString(),
                "--log-max-size", Long.toString(launch.logMaxSize()),
                "--log-max-files", Integer.toString(Math.max(1, launch.logMaxFiles()))));
        if (launch.tty()) {
            command.addAll(List.of("--tty", "--console", launch.state().console().toString()));
        }
        if (launch.stdin()) {
            command.add("--stdin");
        }
        if (launch.stdinOnce()) {
            command.add("--stdin-once");
        }
        try {
            Process process = new ProcessBuilder(command).redirectInput(DEV_NULL).start();
            // the shim's first process prints one short line on one of the two and exits: no pipe fills up
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int code = process.waitFor();
            if (code == 0 && out.startsWith("ok ")) {
                return Integer.parseInt(out.substring(3).strip());
            }
            String complaints = launch.state().complaints();
            throw new StartFailed((err.isEmpty() ? "berth-shim exited with code " + code : err)
                    + (complaints.isEmpty() ? "" : " (" + complaints + ")"));
        } catch (IOException e) {
            throw new ShimException("cannot run " + shim + ": " + e.getMessage());
        } catch (NumberFormatException e) {
            throw new ShimException("berth-shim answered something else than its pid: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShimException("interrupted while berth-shim started container " + launch.id());
        }
    }
}
