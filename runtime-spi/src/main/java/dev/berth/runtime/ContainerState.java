package dev.berth.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The observable state of a container's process. {@code exitCode} is meaningful once it has exited. */
public record ContainerState(
    ContainerStatus status,
    int exitCode,
    HealthStatus health,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt) {
  public ContainerState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  public boolean running() {
    return status == ContainerStatus.RUNNING;
  }
}
