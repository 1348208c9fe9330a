package dev.berth.engine.compose;

import java.util.List;
import java.util.Objects;

/** The one-off container's name, its exit code (0 when detached) and its output lines when attached. */
public record RunResult(String container, int exitCode, List<String> output) {
  public RunResult {
    Objects.requireNonNull(container, "container");
    output = List.copyOf(output);
  }
}
