package dev.berth.embedded.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An OCI runtime (runc, crun) driven through its command line, each container in the runtime's own state root. */
public interface OciRuntime {
    /** {@code runc} or {@code crun}. */
    String name();

    /** The runtime's executable (what berth-shim runs). */
    Path binary();

    /** The runtime's state root ({@code --root}) where its containers live. */
    Path stateRoot();

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

    /** One {@code events --stats} sample as JSON ({@code {"type":"stats","data":{...}}}). */
    String statsJson(String id);

    /** The pids of the container's processes (host pid namespace). */
    List<Integer> pids(String id);
}
