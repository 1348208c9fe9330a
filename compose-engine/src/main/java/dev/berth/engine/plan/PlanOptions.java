package dev.berth.engine.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code up} converges. {@code services} empty means all. {@code timeout} overrides every service's stop grace
 * period ({@code -t}).
 */
public record PlanOptions(
    Set<String> services,
    boolean forceRecreate,
    boolean noRecreate,
    boolean alwaysRecreateDeps,
    boolean renewAnonVolumes,
    boolean noDeps,
    boolean removeOrphans,
    boolean noStart,
    Optional<Duration> timeout) {
  public PlanOptions {
    services = Set.copyOf(services);
    Objects.requireNonNull(timeout, "timeout");
    if (forceRecreate && noRecreate) {
      throw new IllegalArgumentException("--force-recreate and --no-recreate are incompatible; choose one");
    }
  }

  public static PlanOptions defaults() {
    return new PlanOptions(Set.of(), false, false, false, false, false, false, false, Optional.empty());
  }

  public PlanOptions withServices(Set<String> services) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps,
        removeOrphans, noStart, timeout);
  }

  public PlanOptions withForceRecreate(boolean v) {
    return new PlanOptions(services, v, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps, removeOrphans,
        noStart, timeout);
  }

  public PlanOptions withNoRecreate(boolean v) {
    return new PlanOptions(services, forceRecreate, v, alwaysRecreateDeps, renewAnonVolumes, noDeps, removeOrphans,
        noStart, timeout);
  }

  public PlanOptions withAlwaysRecreateDeps(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, v, renewAnonVolumes, noDeps, removeOrphans, noStart,
        timeout);
  }

  public PlanOptions withRenewAnonVolumes(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, v, noDeps, removeOrphans,
        noStart, timeout);
  }

  public PlanOptions withNoDeps(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, v,
        removeOrphans, noStart, timeout);
  }

  public PlanOptions withRemoveOrphans(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps, v,
        noStart, timeout);
  }

  public PlanOptions withNoStart(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps,
        removeOrphans, v, timeout);
  }

  public PlanOptions withTimeout(Duration t) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps,
        removeOrphans, noStart, Optional.of(t));
  }
}
