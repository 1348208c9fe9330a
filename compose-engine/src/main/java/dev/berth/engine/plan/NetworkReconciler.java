package dev.berth.engine.plan;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.DesiredNetwork;
import dev.berth.engine.plan.Operation.ConnectNetwork;
import dev.berth.engine.plan.Operation.CreateNetwork;
import dev.berth.engine.plan.Operation.DisconnectNetwork;
import dev.berth.engine.plan.Operation.RemoveNetwork;
import dev.berth.engine.plan.Operation.StopContainer;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates missing networks; recreates a network whose config hash changed: stop attached containers, disconnect
 * them, remove, create, reconnect (containers keep their identity and are started again by the service
 * reconciler). Networks without a hash label (made by hand or by old tools) are left alone.
 */
final class NetworkReconciler {
  private NetworkReconciler() {}

  static void reconcile(PlanContext ctx) {
    for (DesiredNetwork n : ctx.desired.networks()) {
      if (n.external()) {
        continue;
      }
      NetworkSpec spec = labelled(ctx.desired.name(), n);
      Optional<NetworkSummary> observed = ctx.observed.network(n.name());
      if (observed.isEmpty()) {
        ctx.networkReady.put(n.name(), ctx.plan.add(new CreateNetwork(spec), "not found", List.of()));
        continue;
      }
      String hash = observed.get().labels().get(ComposeLabels.CONFIG_HASH);
      if (hash != null && !hash.equals(n.configHash())) {
        recreate(ctx, n, spec, "config hash changed (" + PlanContext.shortHash(hash) + " -> "
            + PlanContext.shortHash(n.configHash()) + ")");
      }
    }
  }

  static NetworkSpec labelled(String project, DesiredNetwork n) {
    Map<String, String> labels = new LinkedHashMap<>(n.spec().labels());
    labels.put(ComposeLabels.PROJECT, project);
    labels.put(ComposeLabels.NETWORK, n.key());
    labels.put(ComposeLabels.CONFIG_HASH, n.configHash());
    NetworkSpec s = n.spec();
    return new NetworkSpec(s.name(), s.driver(), labels, s.driverOptions(), s.internal(), s.attachable(),
        s.enableIpv6(), s.ipam());
  }

  private static void recreate(PlanContext ctx, DesiredNetwork n, NetworkSpec spec, String cause) {
    String group = "recreate-network:" + n.key();
    String stopCause = "network " + n.name() + " is recreated";
    List<ContainerSummary> attached = ctx.observed.containers().stream()
        .filter(c -> c.networks().contains(n.name()))
        .sorted(Comparator.comparing(ContainerSummary::name))
        .toList();
    List<Integer> disconnects = new ArrayList<>();
    for (ContainerSummary c : attached) {
      List<Integer> deps = new ArrayList<>();
      if (c.state().status().isActive()) {
        int stop = ctx.plan.add(new StopContainer(c.name(), ctx.stopTimeout(c)), stopCause, List.of(), group);
        deps.add(stop);
        ctx.restartCause.put(c.name(), stopCause);
      }
      disconnects.add(ctx.plan.add(new DisconnectNetwork(c.name(), n.name()), stopCause, deps, group));
    }
    int remove = ctx.plan.add(new RemoveNetwork(n.name()), cause, disconnects, group);
    int create = ctx.plan.add(new CreateNetwork(spec), cause, List.of(remove), group);
    ctx.networkReady.put(n.name(), create);
    for (ContainerSummary c : attached) {
      int connect = ctx.plan.add(new ConnectNetwork(c.name(), attachment(ctx, c, n.name())),
          "network " + n.name() + " was recreated", List.of(create), group);
      if (c.state().status().isActive()) {
        ctx.alreadyStopped.put(c.name(), connect);
      }
    }
  }

  private static NetworkAttachment attachment(PlanContext ctx, ContainerSummary c, String network) {
    return ctx.desired.service(c.label(ComposeLabels.SERVICE))
        .flatMap(s -> s.template().networks().stream().filter(a -> a.network().equals(network)).findFirst())
        .orElse(NetworkAttachment.of(network));
  }
}
