package dev.berth.engine.execute;

import dev.berth.engine.desired.ReadinessProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code parallelLimit}: most runtime calls in flight at once ({@code --parallel}, {@code COMPOSE_PARALLEL_LIMIT});
 * {@code pollInterval}: how often a dependency wait inspects; {@code awaitTimeout}: how long a dependency wait may
 * take (empty = no limit); {@code probes}: {@code x-berth-ready} probes by service; {@code logins}: the
 * credentials handed to pulls and pushes.
 */
public record ExecutorOptions(int parallelLimit, Duration pollInterval, Optional<Duration> awaitTimeout,
    Map<String, ReadinessProbe> probes, RegistryLogins logins) {
  public ExecutorOptions {
    probes = Map.copyOf(probes);
    Objects.requireNonNull(logins, "logins");
    if (parallelLimit < 1) {
      throw new IllegalArgumentException("parallel limit must be at least 1, was " + parallelLimit);
    }
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(awaitTimeout, "awaitTimeout");
  }

  /** 16 calls in flight, polling every 500 ms (as Compose), no wait timeout. */
  public static ExecutorOptions defaults() {
    return new ExecutorOptions(16, Duration.ofMillis(500), Optional.empty(), Map.of(), RegistryLogins.NONE);
  }

  public ExecutorOptions withParallelLimit(int limit) {
    return new ExecutorOptions(limit, pollInterval, awaitTimeout, probes, logins);
  }

  public ExecutorOptions withPollInterval(Duration interval) {
    return new ExecutorOptions(parallelLimit, interval, awaitTimeout, probes, logins);
  }

  public ExecutorOptions withAwaitTimeout(Duration timeout) {
    return new ExecutorOptions(parallelLimit, pollInterval, Optional.of(timeout), probes, logins);
  }

  /** Readiness probes by service name, used when a container reports no health status. */
  public ExecutorOptions withProbes(Map<String, ReadinessProbe> probes) {
    return new ExecutorOptions(parallelLimit, pollInterval, awaitTimeout, probes, logins);
  }

  /** The credentials pulls and pushes send (the user's stored logins). */
  public ExecutorOptions withLogins(RegistryLogins value) {
    return new ExecutorOptions(parallelLimit, pollInterval, awaitTimeout, probes, value);
  }
}
