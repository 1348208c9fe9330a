package dev.berth.engine.plan;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DependencyCondition;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.Operation.AwaitService;
import dev.berth.engine.plan.Operation.CreateContainer;
import dev.berth.engine.plan.Operation.RemoveContainer;
import dev.berth.engine.plan.Operation.RenameContainer;
import dev.berth.engine.plan.Operation.StartContainer;
import dev.berth.engine.plan.Operation.StopContainer;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.Mount;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.NetworkAttachment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Converges the containers of one service: scale down (highest numbers and stale containers first), recreate
 * drifted containers (create under a temporary name, stop old, remove old, rename new), start what is not
 * running, create missing replicas, and stop/start dependents declared with {@code depends_on.restart: true}.
 */
final class ServiceReconciler {
  private enum Policy { NEVER, DIVERGED, FORCE }

  private final PlanContext ctx;
  private final DesiredService service;
  private final PlanContext.ServiceSteps steps;
  private final Policy policy;

  private ServiceReconciler(PlanContext ctx, DesiredService service) {
    this.ctx = ctx;
    this.service = service;
    this.steps = ctx.steps(service.name());
    this.policy = policy(ctx, service.name());
  }

  static void reconcile(PlanContext ctx, DesiredService service) {
    new ServiceReconciler(ctx, service).run();
  }

  private static Policy policy(PlanContext ctx, String service) {
    PlanOptions o = ctx.options;
    boolean targeted = ctx.targets.contains(service);
    if (o.noRecreate()) {
      return Policy.NEVER;
    }
    if (targeted ? o.forceRecreate() : o.alwaysRecreateDeps()) {
      return Policy.FORCE;
    }
    return Policy.DIVERGED;
  }

  private void run() {
    List<ContainerSummary> observed = new ArrayList<>(ctx.observed.containersOf(service.name()));
    observed.sort(Comparator.comparing((ContainerSummary c) -> upToDate(c) ? 0 : 1)
        .thenComparingInt(ObservedSnapshot::number));
    int keep = Math.min(service.replicas(), observed.size());
    List<ContainerSummary> surplus = new ArrayList<>(observed.subList(keep, observed.size()));
    surplus.sort(Comparator.comparingInt(ObservedSnapshot::number).reversed());
    for (ContainerSummary c : surplus) {
      stopAndRemove(c, "scale down", List.of());
    }
    List<ContainerSummary> kept = new ArrayList<>(observed.subList(0, keep));
    kept.sort(Comparator.comparingInt(ObservedSnapshot::number));
    for (ContainerSummary c : kept) {
      converge(c);
    }
    int next = observed.stream().mapToInt(ObservedSnapshot::number).max().orElse(0) + 1;
    for (int i = 0; i < service.replicas() - keep; i++) {
      createReplica(next + i, observed.isEmpty() ? "not found" : "scale up");
    }
  }

  private boolean upToDate(ContainerSummary c) {
    return service.configHash().equals(c.label(ComposeLabels.CONFIG_HASH))
        && (service.imageDigest().isEmpty() || service.imageDigest().equals(c.label(ComposeLabels.IMAGE)));
  }

  private void converge(ContainerSummary c) {
    Optional<String> reason = recreateReason(c);
    if (reason.isPresent()) {
      recreate(c, reason.get());
    } else if (ctx.restartCause.containsKey(c.name())) {
      start(c.name(), ctx.restartCause.get(c.name()), List.of(ctx.alreadyStopped.get(c.name())));
    } else if (c.state().status() == ContainerStatus.CREATED || c.state().status() == ContainerStatus.EXITED) {
      start(c.name(), "not running", List.of());
    }
  }

  private Optional<String> recreateReason(ContainerSummary c) {
    if (policy == Policy.NEVER) {
      return Optional.empty();
    }
    if (policy == Policy.FORCE) {
      return Optional.of(ctx.targets.contains(service.name()) ? "forced recreate" : "dependencies always recreated");
    }
    String hash = c.label(ComposeLabels.CONFIG_HASH);
    if (!service.configHash().equals(hash)) {
      return Optional.of("config hash changed (" + PlanContext.shortHash(hash) + " -> "
          + PlanContext.shortHash(service.configHash()) + ")"
          + FileObjectChanges.describe(c.label(ComposeLabels.FILE_OBJECT_DIGESTS),
              service.template().labels().get(ComposeLabels.FILE_OBJECT_DIGESTS)));
    }
    String image = c.label(ComposeLabels.IMAGE);
    if (!service.imageDigest().isEmpty() && !service.imageDigest().equals(image)) {
      return Optional.of("image changed (" + PlanContext.shortHash(image) + " -> "
          + PlanContext.shortHash(service.imageDigest()) + ")");
    }
    if (c.state().status() == ContainerStatus.DEAD) {
      return Optional.of("container is dead");
    }
    if (c.state().status() == ContainerStatus.RUNNING) {
      for (NetworkAttachment a : service.template().networks()) {
        if (!c.networks().contains(a.network())) {
          return Optional.of("not connected to network " + a.network());
        }
      }
    }
    for (Mount m : service.template().mounts()) {
      if (m instanceof Mount.Volume v && !v.anonymous() && c.mounts().stream().noneMatch(p ->
          p.type() == MountPoint.Type.VOLUME && p.source().equals(v.name().get()))) {
        return Optional.of("volume " + v.name().get() + " is not mounted");
      }
    }
    return Optional.empty();
  }

  private void recreate(ContainerSummary old, String cause) {
    int number = ObservedSnapshot.number(old);
    String group = "recreate:" + service.name() + ":" + number;
    String finalName = ReplicaSpecs.containerName(ctx.desired.name(), service, number);
    String tempName = old.id().shortId() + "_" + finalName;
    ContainerSpec spec = ReplicaSpecs.replica(ctx.desired.name(), service, number, tempName, old.name());
    if (!ctx.options.renewAnonVolumes()) {
      spec = ReplicaSpecs.inheritAnonymousVolumes(spec, old);
    }
    List<Integer> createDeps = new ArrayList<>(createDependencies(spec));
    createDeps.addAll(stopRestartingDependents());
    int create = ctx.plan.add(new CreateContainer(spec), cause, createDeps, group);
    int removed = stopAndRemove(old, cause, List.of(create), group);
    int rename = ctx.plan.add(new RenameContainer(tempName, finalName), cause, List.of(removed), group);
    steps.created.add(rename);
    steps.recreated = true;
    start(finalName, cause, List.of(rename));
  }

  private int stopAndRemove(ContainerSummary c, String cause, List<Integer> after) {
    return stopAndRemove(c, cause, after, null);
  }

  private int stopAndRemove(ContainerSummary c, String cause, List<Integer> after, String group) {
    List<Integer> deps = new ArrayList<>(after);
    Integer stopped = ctx.alreadyStopped.get(c.name());
    if (stopped != null) {
      deps.add(stopped);
    } else if (c.state().status().isActive()) {
      deps = List.of(ctx.plan.add(new StopContainer(c.name(), ctx.stopTimeout(c)), cause, deps, group));
    }
    return ctx.plan.add(new RemoveContainer(c.name(), false), cause, deps, group);
  }

  /** Before the first recreate of this service, stop running dependents that declared restart: true. */
  private List<Integer> stopRestartingDependents() {
    if (steps.recreated) {
      return List.of();
    }
    List<Integer> ids = new ArrayList<>();
    String cause = "dependency " + service.name() + " is recreated";
    for (String dependent : ctx.graph.dependentsOf(service.name()).stream().sorted().toList()) {
      boolean restart = ctx.scope.contains(dependent) && ctx.desired.service(dependent).orElseThrow().dependsOn()
          .stream().anyMatch(d -> d.service().equals(service.name()) && d.restart());
      if (!restart) {
        continue;
      }
      for (ContainerSummary c : ctx.observed.containersOf(dependent)) {
        if (c.state().status().isActive() && !ctx.alreadyStopped.containsKey(c.name())) {
          int stop = ctx.plan.add(new StopContainer(c.name(), ctx.stopTimeout(c)), cause, List.of());
          ctx.alreadyStopped.put(c.name(), stop);
          ctx.restartCause.put(c.name(), cause);
          ids.add(stop);
        }
      }
    }
    return ids;
  }

  private void createReplica(int number, String cause) {
    ContainerSpec spec = ReplicaSpecs.replica(ctx.desired.name(), service, number);
    int create = ctx.plan.add(new CreateContainer(spec), cause, createDependencies(spec));
    steps.created.add(create);
    start(spec.name(), cause, List.of(create));
  }

  /** The build of its image, networks and volumes the container uses, and the create phase of every dependency service. */
  private List<Integer> createDependencies(ContainerSpec spec) {
    List<Integer> deps = new ArrayList<>();
    Optional.ofNullable(ctx.imageReady.get(spec.image().value())).ifPresent(deps::add);
    Optional.ofNullable(ctx.pullReady.get(spec.image().value())).ifPresent(deps::add);
    for (NetworkAttachment a : spec.networks()) {
      Optional.ofNullable(ctx.networkReady.get(a.network())).ifPresent(deps::add);
    }
    spec.networkMode().map(ctx.networkReady::get).ifPresent(deps::add);
    for (Mount m : spec.mounts()) {
      if (m instanceof Mount.Volume v && v.name().isPresent()) {
        Optional.ofNullable(ctx.volumeReady.get(v.name().get())).ifPresent(deps::add);
      }
    }
    for (Dependency d : service.dependsOn()) {
      if (ctx.scope.contains(d.service())) {
        deps.addAll(ctx.steps(d.service()).created);
      }
    }
    return deps;
  }

  private void start(String container, String cause, List<Integer> after) {
    if (ctx.options.noStart()) {
      return;
    }
    List<Integer> deps = new ArrayList<>(after);
    deps.addAll(awaitDependencies());
    steps.started.add(ctx.plan.add(new StartContainer(container), cause, deps));
  }

  /**
   * What a start of this service waits for: the start steps of {@code service_started} dependencies, and one
   * await step per other dependency (planned once per service, shared by its replicas).
   */
  private List<Integer> awaitDependencies() {
    if (steps.awaits != null) {
      return steps.awaits;
    }
    List<Integer> ids = new ArrayList<>();
    for (Dependency d : service.dependsOn()) {
      if (!ctx.scope.contains(d.service())) {
        continue;
      }
      List<Integer> depStarts = ctx.steps(d.service()).started;
      if (d.condition() == DependencyCondition.SERVICE_STARTED) {
        ids.addAll(depStarts);
      } else {
        ids.add(ctx.plan.add(new AwaitService(ctx.desired.name(), d.service(), d.condition(), d.required()),
            service.name() + " depends on " + d.service(), depStarts));
      }
    }
    steps.awaits = List.copyOf(ids);
    return steps.awaits;
  }
}
