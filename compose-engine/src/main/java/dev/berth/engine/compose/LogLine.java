package dev.berth.engine.compose;

import dev.berth.runtime.LogEntry;
import java.util.Objects;

/** One log line of one container of a service. */
public record LogLine(String service, String container, LogEntry entry) {
  public LogLine {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(entry, "entry");
  }
}
