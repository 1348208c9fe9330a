package dev.berth.engine.plan;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.Operation.RemoveContainer;
import dev.berth.engine.plan.Operation.StopContainer;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Orphans are project containers whose service is no longer defined, and exited one-off containers. They are
 * removed only when asked; otherwise the plan carries Compose's warning.
 */
final class OrphanReconciler {
  private OrphanReconciler() {}

  static List<ContainerSummary> orphans(ObservedSnapshot observed, Set<String> services) {
    return observed.containers().stream()
        .filter(c -> !services.contains(c.label(ComposeLabels.SERVICE))
            || ObservedSnapshot.isOneOff(c) && (c.state().status() == ContainerStatus.EXITED
                || c.state().status() == ContainerStatus.DEAD))
        .toList();
  }

  static void reconcile(PlanBuilder plan, ObservedSnapshot observed, Set<String> services, boolean remove,
      Optional<Duration> timeout) {
    List<ContainerSummary> orphans = orphans(observed, services);
    if (orphans.isEmpty()) {
      return;
    }
    if (!remove) {
      plan.warn("Found orphan containers (" + orphans.stream().map(ContainerSummary::name)
          .collect(Collectors.joining(", ")) + ") for this project. If you removed or renamed this service in "
          + "your compose file, you can run this command with the --remove-orphans flag to clean it up.");
      return;
    }
    for (ContainerSummary c : orphans) {
      String cause = "orphan (service " + c.label(ComposeLabels.SERVICE) + " is not defined)";
      List<Integer> deps = List.of();
      if (c.state().status().isActive()) {
        deps = List.of(plan.add(new StopContainer(c.name(), timeout.orElse(PlanContext.DEFAULT_STOP_TIMEOUT)),
            cause, List.of()));
      }
      plan.add(new RemoveContainer(c.name(), false), cause, deps);
    }
  }
}
