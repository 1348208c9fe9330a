package dev.berth.engine.plan;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.graph.DependencyGraph;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.runtime.ContainerSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** State shared by the reconcilers of one {@code up} planning run. */
final class PlanContext {
  static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

  final DesiredProject desired;
  final ObservedSnapshot observed;
  final PlanOptions options;
  final DependencyGraph graph;
  final PlanBuilder plan = new PlanBuilder();
  /** Network/volume name → step after which it exists as desired. */
  final Map<String, Integer> networkReady = new HashMap<>();
  final Map<String, Integer> volumeReady = new HashMap<>();
  /** Image reference → the step that builds it. */
  final Map<String, Integer> imageReady = new HashMap<>();
  /** Container name → step after which an earlier step has stopped it (it must not be stopped again). */
  final Map<String, Integer> alreadyStopped = new HashMap<>();
  /** Container name → why it was stopped by another reconciler and must be started again. */
  final Map<String, String> restartCause = new HashMap<>();
  /** Image reference → the step that pulls it. */
  final Map<String, Integer> pullReady = new HashMap<>();
  /** Service → its steps so far. */
  final Map<String, ServiceSteps> services = new HashMap<>();
  Set<String> scope = Set.of();
  Set<String> targets = Set.of();

  /** The steps planned for one service: what dependents must wait for in the create and start phases. */
  static final class ServiceSteps {
    final List<Integer> created = new ArrayList<>();
    final List<Integer> started = new ArrayList<>();
    boolean recreated;
    List<Integer> awaits;
  }

  PlanContext(DesiredProject desired, ObservedSnapshot observed, PlanOptions options) {
    this.desired = desired;
    this.observed = observed;
    this.options = options;
    this.graph = DependencyGraph.of(desired);
  }

  ServiceSteps steps(String service) {
    return services.computeIfAbsent(service, s -> new ServiceSteps());
  }

  Duration stopTimeout(ContainerSummary c) {
    return stopTimeout(options.timeout(), desired.service(c.label(ComposeLabels.SERVICE)));
  }

  static Duration stopTimeout(Optional<Duration> override, Optional<DesiredService> service) {
    return override.or(() -> service.flatMap(s -> s.template().stopGracePeriod())).orElse(DEFAULT_STOP_TIMEOUT);
  }

  /**
   * Warnings for services that share one image but describe different builds: only the first one's is used.
   */
  List<String> imageDifferences(List<DesiredService> users) {
    List<DesiredService> builders = users.stream().filter(s -> s.build().isPresent()).toList();
    List<String> warnings = new ArrayList<>();
    for (DesiredService other : builders.subList(Math.min(1, builders.size()), builders.size())) {
      if (!other.build().get().spec().equals(builders.get(0).build().get().spec())) {
        warnings.add("services " + builders.get(0).name() + " and " + other.name() + " build the same image "
            + other.template().image() + " differently; the build of " + builders.get(0).name() + " is used");
      }
    }
    return warnings;
  }

  /** A hash or digest shortened for messages: without {@code sha256:}, at most 12 characters. */
  static String shortHash(String hash) {
    if (hash == null) {
      return "none";
    }
    String h = hash.startsWith("sha256:") ? hash.substring(7) : hash;
    return h.length() > 12 ? h.substring(0, 12) : h;
  }
}
