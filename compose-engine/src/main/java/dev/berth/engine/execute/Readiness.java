package dev.berth.engine.execute;

import dev.berth.engine.desired.ReadinessProbe;
import java.util.HashMap;
import java.util.Map;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.plan.Operation.AwaitService;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.LabelSelector;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Waits for a service's containers to meet a depends_on condition by polling the runtime: {@code service_started}
 * (every container started), {@code service_healthy} (every container healthy), {@code
 * service_completed_successfully} (every container exited 0). A container without health status is
 * healthy once its service's {@link ReadinessProbe} passes, when it has one. Fails fast when the condition can no longer be met.
 */
final class Readiness {
  private final ContainerRuntime runtime;
  private final Clock clock;
  private final ExecutorOptions options;

  Readiness(ContainerRuntime runtime, Clock clock, ExecutorOptions options) {
    this.runtime = runtime;
    this.clock = clock;
    this.options = options;
  }

  void await(AwaitService op) throws InterruptedException {
    ReadinessProbe probe = options.probes().get(op.service());
    Map<String, Instant> lastProbe = new HashMap<>();
    Instant deadline = options.awaitTimeout().map(t -> clock.instant().plus(t)).orElse(null);
    LabelSelector selector = LabelSelector.of(ComposeLabels.PROJECT, op.project())
        .and(ComposeLabels.SERVICE, op.service()).and(ComposeLabels.ONEOFF, "False");
    while (true) {
      List<ContainerSummary> containers = runtime.list(selector);
      if (containers.isEmpty()) {
        throw new DependencyNotReadyException("service " + op.service() + " has no container");
      }
      if (containers.stream().allMatch(c -> ready(op, c, probe, lastProbe))) {
        return;
      }
      if (deadline != null && !clock.instant().isBefore(deadline)) {
        throw new DependencyNotReadyException("timed out after " + options.awaitTimeout().get().toSeconds()
            + "s waiting for " + op.service() + " to be " + op.condition().composeName());
      }
      Thread.sleep(Math.max(1, options.pollInterval().toMillis()));
    }
  }

  /** True when {@code c} meets the condition; throws when it never will. */
  private boolean ready(AwaitService op, ContainerSummary c, ReadinessProbe probe, Map<String, Instant> lastProbe) {
    ContainerStatus status = c.state().status();
    switch (op.condition()) {
      case SERVICE_STARTED:
        return status != ContainerStatus.CREATED;
      case SERVICE_HEALTHY:
        HealthStatus health = c.state().health();
        if (health == HealthStatus.NONE && probe != null) {
          failIfExited(c);
          return probeReady(c, probe, lastProbe);
        }
        if (health == HealthStatus.NONE) {
          throw new DependencyNotReadyException("dependency " + op.service() + " has no healthcheck configured; "
              + "add one or use condition service_started");
        }
        if (health == HealthStatus.UNHEALTHY) {
          throw new DependencyNotReadyException("dependency failed to start: container " + c.name()
              + " is unhealthy");
        }
        failIfExited(c);
        return health == HealthStatus.HEALTHY;
      case SERVICE_COMPLETED_SUCCESSFULLY:
        if (status == ContainerStatus.EXITED || status == ContainerStatus.DEAD) {
          if (c.state().exitCode() != 0) {
            throw new DependencyNotReadyException("service " + op.service() + " didn't complete successfully: "
                + "container " + c.name() + " exited with code " + c.state().exitCode());
          }
          return true;
        }
        return false;
      default:
        throw new IllegalStateException("unknown condition " + op.condition());
    }
  }

  /** Runs the x-berth-ready probe at most once per probe interval per container; a pass is remembered. */
  private boolean probeReady(ContainerSummary c, ReadinessProbe probe, Map<String, Instant> lastProbe) {
    Instant last = lastProbe.get(c.name());
    if (last == Instant.MAX) {
      return true;
    }
    Instant now = clock.instant();
    if (last != null && now.isBefore(last.plus(probe.interval()))) {
      return false;
    }
    boolean passed = new ProbeRunner(runtime).passes(c, probe);
    lastProbe.put(c.name(), passed ? Instant.MAX : now);
    return passed;
  }

  private static void failIfExited(ContainerSummary c) {
    if (c.state().status() == ContainerStatus.EXITED || c.state().status() == ContainerStatus.DEAD) {
      throw new DependencyNotReadyException("container " + c.name() + " exited (" + c.state().exitCode() + ")");
    }
  }
}
