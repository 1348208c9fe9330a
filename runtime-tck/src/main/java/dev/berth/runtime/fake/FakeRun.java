package dev.berth.runtime.fake;

import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.LogEntry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted main process: the lines it writes at start, when it exits on its own (measured on the runtime's
 * clock; empty = runs until stopped) and with which code, and the health a healthcheck eventually reports after
 * {@code healthDelay}.
 */
public record FakeRun(
    List<Output> output, Optional<Duration> exitsAfter, int exitCode, HealthStatus health, Duration healthDelay) {

  /** One line on one stream. */
  public record Output(LogEntry.Stream stream, String line) {
    public Output {
      Objects.requireNonNull(stream, "stream");
      Objects.requireNonNull(line, "line");
    }
  }

  public FakeRun {
    output = List.copyOf(output);
    Objects.requireNonNull(exitsAfter, "exitsAfter");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(healthDelay, "healthDelay");
  }

  /** Runs until stopped, printing {@code lines} on stdout, healthy at once if it has a healthcheck. */
  public static FakeRun forever(String... lines) {
    return new FakeRun(stdout(lines), Optional.empty(), 0, HealthStatus.HEALTHY, Duration.ZERO);
  }

  /** Exits as soon as started with {@code code}, printing {@code lines} on stdout. */
  public static FakeRun exits(int code, String... lines) {
    return new FakeRun(stdout(lines), Optional.of(Duration.ZERO), code, HealthStatus.HEALTHY, Duration.ZERO);
  }

  public FakeRun withExitAfter(Duration after) {
    return new FakeRun(output, Optional.of(after), exitCode, health, healthDelay);
  }

  /** The healthcheck reports {@code eventual} once {@code delay} has passed since start (STARTING before). */
  public FakeRun withHealth(HealthStatus eventual, Duration delay) {
    return new FakeRun(output, exitsAfter, exitCode, eventual, delay);
  }

  private static List<Output> stdout(String... lines) {
    return java.util.Arrays.stream(lines).map(l -> new Output(LogEntry.Stream.STDOUT, l)).toList();
  }
}
