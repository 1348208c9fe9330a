package dev.berth.embedded;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The runtime state of a container. Times are RFC 3339 strings (null when not yet happened); {@code exitCode}
 * is 128+n for a signal n; {@code error} says why a start failed or why the exit code is unknown.
 */
public record ContainerState(@JsonProperty("status") ContainerStatus status, @JsonProperty("pid") int pid,
                             @JsonProperty("exitCode") int exitCode, @JsonProperty("oomKilled") boolean oomKilled,
                             @JsonProperty("startedAt") String startedAt, @JsonProperty("finishedAt") String finishedAt,
                             @JsonProperty("error") String error) {
    public static final ContainerState CREATED = new ContainerState(ContainerStatus.CREATED, 0, 0, false, null, null, null);

    public boolean isRunning() {
        return status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED;
    }

    ContainerState running(int newPid, String now) {
        return new ContainerState(ContainerStatus.RUNNING, newPid, 0, false, now, null, null);
    }

    ContainerState exited(int code, boolean oom, String now, String why) {
        return new ContainerState(ContainerStatus.EXITED, 0, code, oom, startedAt, now, why);
    }

    ContainerState withStatus(ContainerStatus value) {
        return new ContainerState(value, pid, exitCode, oomKilled, startedAt, finishedAt, error);
    }
}
