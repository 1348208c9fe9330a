package dev.berth.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which log lines to read. {@code tail} keeps only the last N lines; {@code follow} keeps the stream open until
 * the container stops or the stream is closed.
 */
public record LogOptions(
    boolean follow, Optional<Instant> since, Optional<Instant> until, OptionalInt tail, boolean timestamps) {
  public static final LogOptions ALL = new LogOptions(false, Optional.empty(), Optional.empty(), OptionalInt.empty(),
      false);

  public LogOptions {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(tail, "tail");
  }

  public LogOptions withFollow(boolean follow) {
    return new LogOptions(follow, since, until, tail, timestamps);
  }

  public LogOptions withTail(int lines) {
    return new LogOptions(follow, since, until, OptionalInt.of(lines), timestamps);
  }

  public LogOptions withSince(Instant since) {
    return new LogOptions(follow, Optional.of(since), until, tail, timestamps);
  }
}
