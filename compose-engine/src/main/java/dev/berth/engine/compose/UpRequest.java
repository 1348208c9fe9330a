package dev.berth.engine.compose;

import dev.berth.engine.plan.PlanOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code up}/{@code create} should do: the planner options, whether to wait until services are running or
 * healthy (a one-shot that exited 0 counts as done) and for how long, and whether to only plan.
 */
public record UpRequest(PlanOptions plan, boolean waitReady, Optional<Duration> waitTimeout, boolean dryRun) {
  public UpRequest {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(waitTimeout, "waitTimeout");
  }

  public static UpRequest of(PlanOptions plan) {
    return new UpRequest(plan, false, Optional.empty(), false);
  }

  public UpRequest withWait(Optional<Duration> timeout) {
    return new UpRequest(plan, true, timeout, dryRun);
  }

  public UpRequest withDryRun(boolean dryRun) {
    return new UpRequest(plan, waitReady, waitTimeout, dryRun);
  }
}
