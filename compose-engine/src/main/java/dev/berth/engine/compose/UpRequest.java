package dev.berth.engine.compose;

import dev.berth.engine.plan.PlanOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code up}/{@code create} should do: the planner options, whether to wait until services are running or
 * healthy (a one-shot that exited 0 counts as done) and for how long, whether to only plan, and replica overrides.
 */
public record UpRequest(PlanOptions plan, boolean waitReady, Optional<Duration> waitTimeout, boolean dryRun,
    Map<String, Integer> scale, Optional<dev.berth.engine.pull.PullPolicy> pull) {
  public UpRequest {
    scale = Map.copyOf(scale);
    Objects.requireNonNull(pull, "pull");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(waitTimeout, "waitTimeout");
  }

  public UpRequest(PlanOptions plan, boolean waitReady, Optional<Duration> waitTimeout, boolean dryRun,
      Map<String, Integer> scale) {
    this(plan, waitReady, waitTimeout, dryRun, scale, Optional.empty());
  }

  public static UpRequest of(PlanOptions plan) {
    return new UpRequest(plan, false, Optional.empty(), false, Map.of());
  }

  /** A pull policy overriding every service's {@code pull_policy} ({@code up --pull}). */
  public UpRequest withPull(dev.berth.engine.pull.PullPolicy policy) {
    return new UpRequest(plan, waitReady, waitTimeout, dryRun, scale, Optional.of(policy));
  }

  public UpRequest withWait(Optional<Duration> timeout) {
    return new UpRequest(plan, true, timeout, dryRun, scale, pull);
  }

  public UpRequest withDryRun(boolean dryRun) {
    return new UpRequest(plan, waitReady, waitTimeout, dryRun, scale, pull);
  }

  /** Replica counts overriding the project's ({@code --scale SERVICE=N}). */
  public UpRequest withScale(Map<String, Integer> scale) {
    return new UpRequest(plan, waitReady, waitTimeout, dryRun, scale, pull);
  }
}
