package dev.berth.engine.plan;

import dev.berth.engine.desired.DesiredNetwork;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredVolume;
import dev.berth.engine.graph.DependencyGraph;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.Operation.RemoveContainer;
import dev.berth.engine.plan.Operation.RemoveNetwork;
import dev.berth.engine.plan.Operation.RemoveVolume;
import dev.berth.engine.plan.Operation.StopContainer;
import dev.berth.runtime.ContainerSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code down}: a service's containers are stopped and removed only after those of every service depending on it;
 * networks (and volumes with -v) go last. A partial down ({@code services}) keeps networks and volumes.
 */
final class DownPlanner {
  private DownPlanner() {}

  static Plan plan(DesiredProject desired, ObservedSnapshot observed, DownOptions options) {
    PlanBuilder plan = new PlanBuilder();
    DependencyGraph graph = DependencyGraph.of(desired);
    Set<String> all = Planner.allServices(desired);
    boolean partial = !options.services().isEmpty();
    Set<String> scope = partial ? graph.withDependents(Planner.checked(options.services(), all)) : all;
    Map<String, List<Integer>> removed = new HashMap<>();
    List<Integer> allRemoved = new ArrayList<>();
    for (String service : graph.stopOrder()) {
      if (!scope.contains(service)) {
        continue;
      }
      List<Integer> after = new ArrayList<>();
      graph.dependentsOf(service).forEach(d -> after.addAll(removed.getOrDefault(d, List.of())));
      List<Integer> mine = new ArrayList<>();
      for (ContainerSummary c : observed.containersOf(service)) {
        List<Integer> deps = after;
        if (c.state().status().isActive()) {
          deps = List.of(plan.add(new StopContainer(c.name(),
              PlanContext.stopTimeout(options.timeout(), desired.service(service))), "down", after));
        }
        mine.add(plan.add(new RemoveContainer(c.name(), options.removeVolumes()), "down", deps));
      }
      removed.put(service, mine);
      allRemoved.addAll(mine);
    }
    if (!partial) {
      int before = planSize(plan);
      OrphanReconciler.reconcile(plan, observed, Planner.known(desired), options.removeOrphans(), options.timeout());
      for (int id = before + 1; id <= planSize(plan); id++) {
        allRemoved.add(id);
      }
      removeNetworksAndVolumes(plan, desired, observed, options, allRemoved);
    }
    Plan result = plan.build();
    if (result.isEmpty() && observed.containers().isEmpty() && observed.networks().isEmpty()) {
      plan.warn("No resource found to remove for project " + desired.name() + ".");
      return plan.build();
    }
    return result;
  }

  private static void removeNetworksAndVolumes(PlanBuilder plan, DesiredProject desired, ObservedSnapshot observed,
      DownOptions options, List<Integer> allRemoved) {
    for (DesiredNetwork n : desired.networks()) {
      if (!n.external() && observed.network(n.name()).isPresent()) {
        plan.add(new RemoveNetwork(n.name()), "down", allRemoved);
      }
    }
    if (options.removeVolumes()) {
      for (DesiredVolume v : desired.volumes()) {
        if (!v.external() && observed.volume(v.name()).isPresent()) {
          plan.add(new RemoveVolume(v.name()), "down -v", allRemoved);
        }
      }
    }
  }

  private static int planSize(PlanBuilder plan) {
    return plan.size();
  }
}
