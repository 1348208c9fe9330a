package dev.berth.engine.compose;

import java.util.Objects;

/** The one-off container's name and its exit code (0 when detached). */
public record RunResult(String container, int exitCode) {
  public RunResult {
    Objects.requireNonNull(container, "container");
  }
}
