package dev.berth.engine.plan;

import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.pull.ImagePull;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides what to do, and nothing else: a pure, deterministic function from the desired project and the observed
 * snapshot to a {@link Plan}. It makes no runtime call; the same inputs always give the same rendering.
 */
public final class Planner {
  private Planner() {}

  /**
   * Plans {@code up}: image builds first (see {@link BuildPolicy}), then networks and volumes, then services in dependency order, then orphans.
   *
   * @throws PlanningException if a selected service does not exist
   * @throws dev.berth.engine.graph.DependencyCycleException if depends_on entries form a cycle
   */
  public static Plan plan(DesiredProject desired, ObservedSnapshot observed, PlanOptions options) {
    return plan(desired, observed, options, List.of());
  }

  /**
   * Plans {@code up} with image pulls first: each pull is one step, the build of the same image (if any) comes after
   * it, and the containers of its services are created after both.
   */
  public static Plan plan(DesiredProject desired, ObservedSnapshot observed, PlanOptions options,
      List<ImagePull> pulls) {
    PlanContext ctx = new PlanContext(desired, observed, options);
    for (ImagePull pull : pulls) {
      ctx.pullReady.put(pull.image().value(), ctx.plan.add(new Operation.PullImage(pull.image(), pull.platform(),
          pull.services()), pull.cause(), List.of()));
    }
    Set<String> all = allServices(desired);
    ctx.targets = options.services().isEmpty() ? all : checked(options.services(), all);
    ctx.scope = options.noDeps() ? ctx.targets : ctx.graph.withDependencies(ctx.targets);
    BuildReconciler.reconcile(ctx);
    NetworkReconciler.reconcile(ctx);
    VolumeReconciler.reconcile(ctx);
    for (String name : ctx.graph.startOrder()) {
      if (ctx.scope.contains(name)) {
        ServiceReconciler.reconcile(ctx, desired.service(name).orElseThrow());
      }
    }
    OrphanReconciler.reconcile(ctx.plan, observed, known(desired), options.removeOrphans(), options.timeout());
    return ctx.plan.build();
  }

  /**
   * Plans {@code build}: the images of {@code services} (all when empty) that have a {@code build:} section, each
   * once, with {@code policy} ({@link BuildPolicy#ALWAYS} for {@code berth build}); with {@code withDependencies}
   * also the images of the services they depend on.
   */
  public static Plan planBuilds(DesiredProject desired, Set<String> services, boolean withDependencies,
      BuildPolicy policy) {
    PlanOptions options = PlanOptions.defaults().withServices(services).withBuild(policy);
    PlanContext ctx = new PlanContext(desired, ObservedSnapshot.empty(desired.name()), options);
    Set<String> all = allServices(desired);
    ctx.targets = services.isEmpty() ? all : checked(services, all);
    ctx.scope = withDependencies ? ctx.graph.withDependencies(ctx.targets) : ctx.targets;
    BuildReconciler.reconcile(ctx);
    return ctx.plan.build();
  }

  /** A plan of pulls only ({@code berth pull}): independent steps, one per image. */
  public static Plan planPulls(List<ImagePull> pulls) {
    PlanBuilder plan = new PlanBuilder();
    for (ImagePull pull : pulls) {
      plan.add(new Operation.PullImage(pull.image(), pull.platform(), pull.services()), pull.cause(), List.of());
    }
    return plan.build();
  }

  /** Plans {@code down}: containers in reverse dependency order, then networks and (with -v) volumes. */
  public static Plan planDown(DesiredProject desired, ObservedSnapshot observed, DownOptions options) {
    return DownPlanner.plan(desired, observed, options);
  }

  static Set<String> allServices(DesiredProject desired) {
    return desired.services().stream().map(DesiredService::name).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Enabled and disabled services: containers of any other service are orphans. */
  static Set<String> known(DesiredProject desired) {
    Set<String> known = allServices(desired);
    known.addAll(desired.disabledServices());
    return known;
  }

  static Set<String> checked(Set<String> selected, Set<String> all) {
    Set<String> unknown = new TreeSet<>(selected);
    unknown.removeAll(all);
    if (!unknown.isEmpty()) {
      throw new PlanningException("no such service: " + String.join(", ", unknown) + "; the project defines "
          + String.join(", ", all));
    }
    return new TreeSet<>(selected);
  }
}
