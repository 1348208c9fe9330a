package dev.berth.engine.compose;

import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.desired.ImageBuild;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.execute.ExecutionResult;
import dev.berth.engine.execute.PlanExecutor;
import dev.berth.engine.plan.BuildPolicy;
import dev.berth.engine.plan.Plan;
import dev.berth.engine.plan.Planner;
import dev.berth.engine.plan.PlanningException;
import dev.berth.engine.pull.ImagePull;
import dev.berth.engine.pull.PullCandidate;
import dev.berth.engine.pull.PullDecider;
import dev.berth.engine.pull.PullPolicy;
import dev.berth.model.project.Project;
import dev.berth.runtime.ContainerRuntime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Makes sure the image of a one-off container ({@code run}) is there: a service with a {@code build:} section is
 * built when asked ({@code --build}), when its image is missing or under {@code pull_policy: build}; otherwise the
 * image is pulled as {@code --pull} or else the service's {@code pull_policy} says ({@link PullDecider}). A missing
 * image that may not be pulled is refused before anything is created.
 */
final class OneOffImageSource {
  private final ContainerRuntime runtime;
  private final PlanExecutor executor;
  private final Clock clock;

  OneOffImageSource(ContainerRuntime runtime, PlanExecutor executor, Clock clock) {
    this.runtime = runtime;
    this.executor = executor;
    this.clock = clock;
  }

  void ensure(Project project, DesiredProject desired, DesiredService service, OneOffImage image,
      Consumer<EngineEvent> events) {
    PullCandidate candidate = ImageTransferPlanning.candidates(project, desired, Set.of(service.name()),
        PullPolicy::parse, runtime::lastPulled).get(0);
    PullPolicy policy = image.pull().orElse(candidate.policy());
    if (service.build().isPresent()
        && (image.build() || !candidate.present() || policy.kind() == PullPolicy.Kind.BUILD)) {
      build(desired, service, policy, events);
      return;
    }
    List<ImagePull> pulls = PullDecider.decide(List.of(candidate), image.pull(), clock.instant());
    if (!pulls.isEmpty()) {
      pull(service, pulls, events);
    } else if (!candidate.present()) {
      String rule = image.pull().isPresent() ? "--pull " + policy : "pull_policy " + policy;
      throw new PlanningException("image " + candidate.image() + " of service " + service.name() + " is missing and "
          + rule + " forbids pulling it; pull it (berth pull " + service.name() + "), load it (berth image load) or"
          + " give the service a build: section");
    }
  }

  private void build(DesiredProject desired, DesiredService service, PullPolicy policy, Consumer<EngineEvent> events) {
    ImageBuild build = service.build().get();
    BuildOverrides overrides = new BuildOverrides(false, policy.kind() == PullPolicy.Kind.ALWAYS, Map.of());
    DesiredService withOverrides = service.withBuild(Optional.of(
        new ImageBuild(BuildSpecs.withOverrides(build.spec(), overrides), build.always())));
    DesiredProject only = new DesiredProject(desired.name(), List.of(withOverrides), List.of(), List.of());
    Plan plan = Planner.planBuilds(only, Set.of(service.name()), false, BuildPolicy.ALWAYS);
    ExecutionResult result = executor.execute(plan, events);
    if (!result.succeeded()) {
      throw new PlanningException("building image " + service.template().image() + " of service " + service.name()
          + " failed; see the build output above");
    }
  }

  private void pull(DesiredService service, List<ImagePull> pulls, Consumer<EngineEvent> events) {
    ExecutionResult result = executor.execute(Planner.planPulls(pulls), events);
    if (!result.succeeded()) {
      throw new PlanningException("pulling image " + service.template().image() + " of service " + service.name()
          + " failed; see the error above, or run with --pull never to use a local image");
    }
  }
}
