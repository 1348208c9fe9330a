package dev.berth.engine.compose;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.ReadinessProbe;
import dev.berth.engine.execute.ProbeRunner;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.LabelSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code up --wait}: every container of the services is running and healthy (by its healthcheck, else by its
 * {@code x-berth-ready} probe, else running is enough), or exited 0 (a one-shot that is done). Returns the
 * problems, one message per service that did not get there.
 */
final class ServiceWaiter {
  private final ContainerRuntime runtime;
  private final Clock clock;
  private final Duration poll;

  ServiceWaiter(ContainerRuntime runtime, Clock clock, Duration poll) {
    this.runtime = runtime;
    this.clock = clock;
    this.poll = poll;
  }

  List<String> await(String project, Set<String> services, Map<String, ReadinessProbe> probes,
      Optional<Duration> timeout) throws InterruptedException {
    Instant deadline = timeout.map(t -> clock.instant().plus(t)).orElse(Instant.MAX);
    ProbeRunner probe = new ProbeRunner(runtime);
    while (true) {
      List<String> failed = new ArrayList<>();
      List<String> pending = new ArrayList<>();
      for (String service : services) {
        List<ContainerSummary> containers = runtime.list(LabelSelector.of(ComposeLabels.PROJECT, project)
            .and(ComposeLabels.SERVICE, service).and(ComposeLabels.ONEOFF, "False"));
        for (ContainerSummary c : containers) {
          String state = state(c, probes.get(service), probe);
          if (state.startsWith("failed")) {
            failed.add("container " + c.name() + " " + state.substring("failed: ".length()));
          } else if (!state.equals("ready")) {
            pending.add(c.name());
          }
        }
      }
      if (!failed.isEmpty()) {
        return failed;
      }
      if (pending.isEmpty()) {
        return List.of();
      }
      if (!clock.instant().isBefore(deadline)) {
        return List.of("timed out after " + timeout.get().toSeconds() + "s waiting for "
            + String.join(", ", pending));
      }
      Thread.sleep(Math.max(1, poll.toMillis()));
    }
  }

  private static String state(ContainerSummary c, ReadinessProbe readiness, ProbeRunner probe) {
    ContainerStatus status = c.state().status();
    if (status == ContainerStatus.EXITED || status == ContainerStatus.DEAD) {
      return c.state().exitCode() == 0 ? "ready" : "failed: exited with code " + c.state().exitCode();
    }
    if (status != ContainerStatus.RUNNING) {
      return "pending";
    }
    HealthStatus health = c.state().health();
    if (health == HealthStatus.UNHEALTHY) {
      return "failed: is unhealthy";
    }
    if (health == HealthStatus.HEALTHY) {
      return "ready";
    }
    if (health == HealthStatus.NONE) {
      return readiness == null || probe.passes(c, readiness) ? "ready" : "pending";
    }
    return "pending";
  }
}
