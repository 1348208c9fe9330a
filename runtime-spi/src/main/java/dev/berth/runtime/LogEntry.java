package dev.berth.runtime;

import java.time.Instant;
import java.util.Objects;

/** One line a container wrote, without its trailing newline. */
public record LogEntry(Instant timestamp, Stream stream, String line) {
  public enum Stream { STDOUT, STDERR }

  public LogEntry {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(line, "line");
  }
}
