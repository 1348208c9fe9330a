package dev.berth.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DependencyCondition;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.desired.ImageBuild;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.Operation.BuildImage;
import dev.berth.engine.plan.Operation.CreateContainer;
import dev.berth.runtime.BuildSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When {@code up} and {@code build} plan image builds, why, and what waits for them. */
class BuildPlanningTest {

  /** A service built from {@code /src/<name>} into {@code <name>:latest}; {@code present}: the image exists. */
  private static DesiredService built(String name, boolean present, boolean always, Dependency... deps) {
    DesiredService s = Fixtures.service(name, name + "-1", deps);
    BuildSpec spec = BuildSpec.builder(Path.of("/src/" + name), s.template().image()).build();
    return s.withImageDigest(present ? s.imageDigest() : "").withBuild(Optional.of(new ImageBuild(spec, always)));
  }

  private static List<PlanStep> builds(Plan plan) {
    return plan.steps().stream().filter(s -> s.operation() instanceof BuildImage).toList();
  }

  private static PlanStep create(Plan plan, String container) {
    return plan.steps().stream().filter(s -> s.operation() instanceof CreateContainer c
        && c.spec().name().equals(container)).findFirst().orElseThrow();
  }

  @Test
  void aMissingImageIsBuiltBeforeItsContainerIsCreated() {
    DesiredProject project = Fixtures.project(built("web", false, false));
    Plan plan = Planner.plan(project, ObservedSnapshot.empty(Fixtures.PROJECT), PlanOptions.defaults());
    List<PlanStep> builds = builds(plan);
    assertEquals(1, builds.size(), plan.render());
    assertEquals(1, builds.get(0).id(), "builds come first: " + plan.render());
    assertEquals("image web:latest is missing", builds.get(0).cause());
    assertTrue(create(plan, "demo-web-1").dependsOn().contains(builds.get(0).id()), plan.render());
  }

  @Test
  void aPresentImageIsNotRebuiltUnlessAskedTo() {
    DesiredProject project = Fixtures.project(built("web", true, false));
    ObservedSnapshot observed = Fixtures.upToDate(project);
    assertEquals(List.of(), builds(Planner.plan(project, observed, PlanOptions.defaults())));
    List<PlanStep> forced = builds(Planner.plan(project, observed,
        PlanOptions.defaults().withBuild(BuildPolicy.ALWAYS)));
    assertEquals(List.of("--build"), forced.stream().map(PlanStep::cause).toList());
  }

  @Test
  void pullPolicyBuildAlwaysBuilds() {
    DesiredProject project = Fixtures.project(built("web", true, true));
    List<PlanStep> builds = builds(Planner.plan(project, Fixtures.upToDate(project), PlanOptions.defaults()));
    assertEquals(List.of("pull_policy: build"), builds.stream().map(PlanStep::cause).toList());
  }

  @Test
  void noBuildNeverBuildsAndAMissingImageIsAnError() {
    DesiredProject present = Fixtures.project(built("web", true, true));
    assertEquals(List.of(), builds(Planner.plan(present, Fixtures.upToDate(present),
        PlanOptions.defaults().withBuild(BuildPolicy.NEVER))));
    DesiredProject missing = Fixtures.project(built("web", false, false));
    PlanningException e = assertThrows(PlanningException.class, () -> Planner.plan(missing,
        ObservedSnapshot.empty(Fixtures.PROJECT), PlanOptions.defaults().withBuild(BuildPolicy.NEVER)));
    assertTrue(e.getMessage().contains("web:latest") && e.getMessage().contains("berth build web"), e.getMessage());
  }

  @Test
  void servicesSharingAnImageBuildItOnceAndAllWaitForIt() {
    DesiredService worker = built("worker", false, false);
    DesiredService data = Fixtures.service("data", "data-1");
    DesiredService dataOnWorkerImage = new DesiredService("data", data.template().toBuilder()
        .image(worker.template().image()).build(), 1, "data-1", "", List.of());
    DesiredProject project = Fixtures.project(dataOnWorkerImage, worker);
    Plan plan = Planner.plan(project, ObservedSnapshot.empty(Fixtures.PROJECT), PlanOptions.defaults());
    List<PlanStep> builds = builds(plan);
    assertEquals(1, builds.size(), plan.render());
    assertEquals("worker:latest (data, worker)", builds.get(0).operation().target());
    assertTrue(create(plan, "demo-data-1").dependsOn().contains(builds.get(0).id()), plan.render());
    assertTrue(create(plan, "demo-worker-1").dependsOn().contains(builds.get(0).id()), plan.render());
  }

  @Test
  void independentBuildsRunInParallelAndAServiceImageContextWaits() {
    DesiredService base = built("base", false, false);
    DesiredService app = built("app", false, false);
    BuildSpec usesBase = app.build().get().spec().toBuilder()
        .additionalContext("base", "docker-image://base:latest").build();
    app = app.withBuild(Optional.of(new ImageBuild(usesBase, false)));
    DesiredService other = built("other", false, false);
    Plan plan = Planner.plan(Fixtures.project(app, base, other), ObservedSnapshot.empty(Fixtures.PROJECT),
        PlanOptions.defaults());
    PlanStep appBuild = builds(plan).stream().filter(s -> s.operation().target().startsWith("app:")).findFirst()
        .orElseThrow();
    PlanStep baseBuild = builds(plan).stream().filter(s -> s.operation().target().startsWith("base:")).findFirst()
        .orElseThrow();
    PlanStep otherBuild = builds(plan).stream().filter(s -> s.operation().target().startsWith("other:"))
        .findFirst().orElseThrow();
    assertEquals(List.of(baseBuild.id()), appBuild.dependsOn(), plan.render());
    assertEquals(List.of(), otherBuild.dependsOn(), "nothing to wait for: " + plan.render());
    assertEquals(List.of(), baseBuild.dependsOn());
  }

  @Test
  void buildPlansSelectedServicesAndOptionallyTheirDependencies() {
    DesiredService db = built("db", true, false);
    DesiredService web = built("web", true, false,
        new Dependency("db", DependencyCondition.SERVICE_STARTED, true, false));
    DesiredProject project = Fixtures.project(db, web);
    Plan only = Planner.planBuilds(project, Set.of("web"), false, BuildPolicy.ALWAYS);
    assertEquals(List.of("web:latest (web)"), only.steps().stream().map(s -> s.operation().target()).toList());
    Plan withDeps = Planner.planBuilds(project, Set.of("web"), true, BuildPolicy.ALWAYS);
    assertEquals(List.of("db:latest (db)", "web:latest (web)"),
        withDeps.steps().stream().map(s -> s.operation().target()).toList());
    assertThrows(PlanningException.class, () -> Planner.planBuilds(project, Set.of("nope"), false,
        BuildPolicy.ALWAYS));
  }

  @Test
  void upRunsTheLeadingBuildsAsAPlanOfTheirOwn() {
    DesiredProject project = Fixtures.project(built("web", false, false), built("api", false, false));
    Plan plan = Planner.plan(project, ObservedSnapshot.empty(Fixtures.PROJECT), PlanOptions.defaults());
    Plan builds = plan.leading(BuildImage.class);
    assertEquals(2, builds.steps().size(), plan.render());
    assertTrue(builds.steps().stream().allMatch(s -> s.operation() instanceof BuildImage));
  }
}
