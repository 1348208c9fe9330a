package dev.berth.engine.execute;

import dev.berth.engine.desired.ReadinessProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code parallelLimit}: most runtime calls in flight at once ({@code --parallel}, {@code COMPOSE_PARALLEL_LIMIT});
 * {@code pollInterval}: how often a dependency wait inspects; {@code awaitTimeout}: how long a dependency wait may
 * take (empty = no limit); {@code probes}: {@code x-berth-ready} probes by service.
 */
public record ExecutorOptions(int parallelLimit, Duration pollInterval, Optional<Duration> awaitTimeout,
    Map<String, ReadinessProbe> probes) {
  public ExecutorOptions {
    probes = Map.copyOf(probes);
    if (parallelLimit < 1) {
      throw new IllegalArgumentException("parallel limit must be at least 1, was " + parallelLimit);
    }
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(awaitTimeout, "awaitTimeout");
  }

  /** 16 calls in flight, polling every 500 ms (as Compose), no wait timeout. */
  public static ExecutorOptions defaults() {
    return new ExecutorOptions(16, Duration.ofMillis(500), Optional.empty(), Map.of());
  }

  public ExecutorOptions withParallelLimit(int limit) {
    return new ExecutorOptions(limit, pollInterval, awaitTimeout, probes);
  }

  public ExecutorOptions withPollInterval(Duration interval) {
    return new ExecutorOptions(parallelLimit, interval, awaitTimeout, probes);
  }

  public ExecutorOptions withAwaitTimeout(Duration timeout) {
    return new ExecutorOptions(parallelLimit, pollInterval, Optional.of(timeout), probes);
  }

  /** Readiness probes by service name, used when a container reports no health status. */
  public ExecutorOptions withProbes(Map<String, ReadinessProbe> probes) {
    return new ExecutorOptions(parallelLimit, pollInterval, awaitTimeout, probes);
  }
}
