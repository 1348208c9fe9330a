package dev.berth.embedded;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The runtime state of a container. Times are RFC 3339 strings (null when not yet happened); {@code exitCode}
 * is 128+n for a signal n; {@code error} says why a start failed or why the exit code is unknown;
 * {@code stoppedByUser} is Docker's "manually stopped" (it keeps {@code unless-stopped} containers down);
 * {@code health} is null without a healthcheck.
 */
public record ContainerState(@JsonProperty("status") ContainerStatus status, @JsonProperty("pid") int pid,
                             @JsonProperty("exitCode") int exitCode, @JsonProperty("oomKilled") boolean oomKilled,
                             @JsonProperty("startedAt") String startedAt, @JsonProperty("finishedAt") String finishedAt,
                             @JsonProperty("error") String error, @JsonProperty("restartCount") int restartCount,
                             @JsonProperty("stoppedByUser") boolean stoppedByUser,
                             @JsonProperty("health") Health health) {
    public static final ContainerState CREATED = new ContainerState(ContainerStatus.CREATED, 0, 0, false, null, null,
            null, 0, false, null);

    public boolean isRunning() {
        return status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED;
    }

    ContainerState running(int newPid, String now, Health initialHealth) {
        return new ContainerState(ContainerStatus.RUNNING, newPid, 0, false, now, null, null, restartCount, false,
                initialHealth);
    }

    ContainerState exited(int code, boolean oom, String now, String why) {
        return new ContainerState(ContainerStatus.EXITED, 0, code, oom, startedAt, now, why, restartCount,
                stoppedByUser, health);
    }

    ContainerState withStatus(ContainerStatus value) {
        return new ContainerState(value, pid, exitCode, oomKilled, startedAt, finishedAt, error, restartCount,
                stoppedByUser, health);
    }

    ContainerState restarting() {
        return new ContainerState(ContainerStatus.RESTARTING, 0, exitCode, oomKilled, startedAt, finishedAt, error,
                restartCount + 1, stoppedByUser, health);
    }

    ContainerState stoppedByUser(boolean value) {
        return new ContainerState(status, pid, exitCode, oomKilled, startedAt, finishedAt, error, restartCount, value,
                health);
    }

    ContainerState withHealth(Health value) {
        return new ContainerState(status, pid, exitCode, oomKilled, startedAt, finishedAt, error, restartCount,
                stoppedByUser, value);
    }
}
