package dev.berth.engine.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code up} converges. {@code services} empty means all. {@code timeout} overrides every service's stop grace
 * period ({@code -t}). {@code build} says when images of services with a {@code build:} section are built.
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
    Optional<Duration> timeout,
    BuildPolicy build) {
  public PlanOptions {
    Objects.requireNonNull(build, "build");
    services = Set.copyOf(services);
    Objects.requireNonNull(timeout, "timeout");
    if (forceRecreate && noRecreate) {
      throw new IllegalArgumentException("--force-recreate and --no-recreate are incompatible; choose one");
    }
  }

  /** Options that build missing images only. */
  public PlanOptions(Set<String> services, boolean forceRecreate, boolean noRecreate, boolean alwaysRecreateDeps,
      boolean renewAnonVolumes, boolean noDeps, boolean removeOrphans, boolean noStart, Optional<Duration> timeout) {
    this(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps, removeOrphans, noStart,
        timeout, BuildPolicy.MISSING);
  }

  public static PlanOptions defaults() {
    return new PlanOptions(Set.of(), false, false, false, false, false, false, false, Optional.empty());
  }

  public PlanOptions withBuild(BuildPolicy policy) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps,
        removeOrphans, noStart, timeout, policy);
  }

  public PlanOptions withServices(Set<String> services) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps,
        removeOrphans, noStart, timeout, build);
  }

  public PlanOptions withForceRecreate(boolean v) {
    return new PlanOptions(services, v, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps, removeOrphans,
        noStart, timeout, build);
  }

  public PlanOptions withNoRecreate(boolean v) {
    return new PlanOptions(services, forceRecreate, v, alwaysRecreateDeps, renewAnonVolumes, noDeps, removeOrphans,
        noStart, timeout, build);
  }

  public PlanOptions withAlwaysRecreateDeps(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, v, renewAnonVolumes, noDeps, removeOrphans, noStart,
        timeout, build);
  }

  public PlanOptions withRenewAnonVolumes(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, v, noDeps, removeOrphans,
        noStart, timeout, build);
  }

  public PlanOptions withNoDeps(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, v,
        removeOrphans, noStart, timeout, build);
  }

  public PlanOptions withRemoveOrphans(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps, v,
        noStart, timeout, build);
  }

  public PlanOptions withNoStart(boolean v) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps,
        removeOrphans, v, timeout, build);
  }

  public PlanOptions withTimeout(Duration t) {
    return new PlanOptions(services, forceRecreate, noRecreate, alwaysRecreateDeps, renewAnonVolumes, noDeps,
        removeOrphans, noStart, Optional.of(t), build);
  }
}
