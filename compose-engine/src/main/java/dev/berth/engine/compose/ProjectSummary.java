package dev.berth.engine.compose;

import java.util.Objects;

/** One project found by its labels ({@code ls}): name, status such as {@code running(2), exited(1)}, files. */
public record ProjectSummary(String name, String status, String configFiles) {
  public ProjectSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(configFiles, "configFiles");
  }
}
