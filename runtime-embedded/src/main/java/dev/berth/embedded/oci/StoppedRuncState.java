package dev.berth.embedded.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what runc keeps of a container whose init has ended, as {@code runc delete} does, without starting runc:
 * a runc call costs tens of milliseconds of CPU, and a stack of 30 going down on two cores would spend a second on
 * them. runc's state directory holds {@code state.json}, which names the init (pid and start time) and the cgroup
 * directories runc made; removal takes the cgroups (sub-cgroups first, retried while the kernel still counts exiting
 * tasks) and then the state directory, so an engine that dies midway leaves state that runc deletes later.
 * <p>
 * It declines, changing nothing, whenever {@code runc delete} would do more or the state is not as expected: the
 * init still runs, the container has hooks (poststop hooks run at delete), shares a pid namespace (runc then kills
 * what is left in the cgroups), uses the systemd cgroup driver or Intel RDT, was created but not started, or the
 * state cannot be read. runc delete then runs as before.
 */
final class StoppedRuncState {
    static final String STATE_FILE = "state.json";
    private static final int CGROUP_ATTEMPTS = 5;
    private static final long FIRST_RETRY_MILLIS = 10;

    private StoppedRuncState() {
    }

    /** True when the container's state and cgroups are gone; false when runc has to delete it. */
    static boolean remove(Path stateDir) {
        Path stateFile = stateDir.resolve(STATE_FILE);
        JsonNode state;
        try {
            state = Json.MAPPER.readTree(stateFile.toFile());
        } catch (IOException e) {
            return false;
        }
        if (state == null || !removable(stateDir, state) || initRuns(state)) {
            return false;
        }
        List<Path> cgroups = new ArrayList<>();
        state.path("cgroup_paths").forEach(path -> {
            if (path.isTextual() && !path.asText().isEmpty()) {
                cgroups.add(Path.of(path.asText()));
            }
        });
        if (!removeCgroups(cgroups)) {
            return false;
        }
        Files2.deleteTree(stateDir);
        return true;
    }

    /** Whether removing the cgroups and the state directory is all that runc delete would do. */
    private static boolean removable(Path stateDir, JsonNode state) {
        JsonNode config = state.path("config");
        if (!config.isObject() || !state.path("cgroup_paths").isObject() || state.path("init_process_pid").asInt() <= 0
                || Files.exists(stateDir.resolve("exec.fifo"))) {
            return false;
        }
        if (!state.path("intel_rdt_path").asText("").isEmpty() || config.path("cgroups").path("Systemd").asBoolean()) {
            return false;
        }
        for (JsonNode hooks : config.path("hooks")) {
            if (hooks.size() > 0) {
                return false;
            }
        }
        for (JsonNode namespace : config.path("namespaces")) {
            if (namespace.path("type").asText().equals("NEWPID")) {
                return namespace.path("path").asText("").isEmpty();
            }
        }
        return false;
    }

    /**
     * Whether the recorded init still runs: its pid exists with the recorded start time and is not a zombie (runc
     * counts a zombie init as stopped).
     */
    private static boolean initRuns(JsonNode state) {
        int pid = state.path("init_process_pid").asInt();
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
        // after "pid (comm) ": field 3 is the state, field 22 the start time in clock ticks
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (fields.length < 20 || !fields[19].equals(state.path("init_process_start").asText())) {
            return false;
        }
        return !fields[0].equals("Z") && !fields[0].equals("X");
    }

    /** Removes the cgroup directories, retrying with growing pauses while some are still busy; true when all went. */
    private static boolean removeCgroups(List<Path> cgroups) {
        List<Path> left = new ArrayList<>(cgroups);
        long pause = FIRST_RETRY_MILLIS;
        for (int attempt = 1; ; attempt++) {
            left.removeIf(StoppedRuncState::removeCgroup);
            if (left.isEmpty()) {
                return true;
            }
            if (attempt == CGROUP_ATTEMPTS) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause *= 2;
        }
    }

    /**
     * Removes one cgroup directory, and first the sub-cgroups the container made below it when it has some (a cgroup
     * directory goes with rmdir although it lists control files); true when it is gone.
     */
    private static boolean removeCgroup(Path cgroup) {
        try {
            Files.delete(cgroup);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException busyOrParent) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(cgroup, Files::isDirectory)) {
                entries.forEach(children::add);
            } catch (IOException e) {
                return !Files.exists(cgroup);
            }
            if (children.isEmpty() || !children.stream().allMatch(StoppedRuncState::removeCgroup)) {
                return false;
            }
            try {
                Files.deleteIfExists(cgroup);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
