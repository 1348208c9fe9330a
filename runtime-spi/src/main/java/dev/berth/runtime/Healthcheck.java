package dev.berth.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A health probe: {@code test} is Docker's form ({@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]} or
 * {@code ["NONE"]}). Zero durations mean "runtime default".
 */
public record Healthcheck(
    List<String> test,
    Duration interval,
    Duration timeout,
    Duration startPeriod,
    Duration startInterval,
    int retries) {
  public Healthcheck {
    test = List.copyOf(test);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(startPeriod, "startPeriod");
    Objects.requireNonNull(startInterval, "startInterval");
  }

  /** A probe with runtime defaults for every timing. */
  public static Healthcheck of(List<String> test) {
    return new Healthcheck(test, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
  }

  public boolean disabled() {
    return test.isEmpty() || "NONE".equals(test.get(0));
  }
}
