package dev.berth.embedded.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An OCI runtime (runc, crun) driven through its command line, each container in the runtime's own state root. */
public interface OciRuntime {
    /** {@code runc} or {@code crun}. */
    String name();

    /**
     * Starts {@code run} in the foreground: the returned process is the container's parent, its stdout/stderr are
     * the container's, its exit code is the container's (128+n for signal n). The pid file appears once the
     * container process exists.
     */
    Process run(String id, Path bundle, Path pidFile);

    /** {@code create} (stdio to /dev/null) then {@link #start}: for containers that need no log capture. */
    void create(String id, Path bundle, Path pidFile);

    void start(String id);

    /** Sends a signal (name such as {@code TERM} or number); {@code all} signals every process of the container. */
    void kill(String id, String signal, boolean all);

    void delete(String id, boolean force);

    /** Whether the runtime still has state for this container (a cheap check, no process spawned). */
    boolean exists(String id);

    Optional<RuntimeState> state(String id);

    void pause(String id);

    void resume(String id);

    /** Runs the process described by {@code processJson} inside the running container; output on the process's pipes. */
    default Process exec(String id, Path processJson) {
        return exec(id, processJson, false);
    }

    /** As {@link #exec(String, Path)}; with {@code openStdin} the process reads the returned process's output stream. */
    Process exec(String id, Path processJson, boolean openStdin);

    /** {@code events}: one JSON object per line (stats, oom...) until the container goes away. */
    Process events(String id);

    /** One {@code events --stats} sample as JSON ({@code {"type":"stats","data":{...}}}). */
    String statsJson(String id);

    /** The pids of the container's processes (host pid namespace). */
    List<Integer> pids(String id);
}
