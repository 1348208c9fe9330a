package dev.berth.engine.execute;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code parallelLimit}: most runtime calls in flight at once ({@code --parallel}, {@code COMPOSE_PARALLEL_LIMIT});
 * {@code pollInterval}: how often a dependency wait inspects; {@code awaitTimeout}: how long a dependency wait may
 * take (empty = no limit).
 */
public record ExecutorOptions(int parallelLimit, Duration pollInterval, Optional<Duration> awaitTimeout) {
  public ExecutorOptions {
    if (parallelLimit < 1) {
      throw new IllegalArgumentException("parallel limit must be at least 1, was " + parallelLimit);
    }
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(awaitTimeout, "awaitTimeout");
  }

  /** 16 calls in flight, polling every 500 ms (as Compose), no wait timeout. */
  public static ExecutorOptions defaults() {
    return new ExecutorOptions(16, Duration.ofMillis(500), Optional.empty());
  }

  public ExecutorOptions withParallelLimit(int limit) {
    return new ExecutorOptions(limit, pollInterval, awaitTimeout);
  }

  public ExecutorOptions withPollInterval(Duration interval) {
    return new ExecutorOptions(parallelLimit, interval, awaitTimeout);
  }

  public ExecutorOptions withAwaitTimeout(Duration timeout) {
    return new ExecutorOptions(parallelLimit, pollInterval, Optional.of(timeout));
  }
}
