package dev.berth.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.graph.DependencyCycleException;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.Operation.CreateContainer;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.Mount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static ContainerSpec firstCreatedSpec(Plan plan) {
    return plan.steps().stream().map(PlanStep::operation).filter(o -> o instanceof CreateContainer)
        .map(o -> ((CreateContainer) o).spec()).findFirst().orElseThrow();
  }

  @Test
  void recreateInheritsTheOldContainersAnonymousVolume() {
    String oldVolume = Fixtures.upToDate(Scenarios.cache("c-1")).containers().get(0).mounts().get(0).source();
    ContainerSpec spec = firstCreatedSpec(Scenarios.anonymousVolumes(false));
    assertEquals(List.of(new Mount.Volume(Optional.of(oldVolume), "/data", false, false)), spec.mounts());
  }

  @Test
  void renewAnonVolumesGivesTheNewContainerAFreshOne() {
    ContainerSpec spec = firstCreatedSpec(Scenarios.anonymousVolumes(true));
    assertEquals(List.of(Mount.Volume.anonymous("/data")), spec.mounts());
  }

  @Test
  void createdContainersCarryComposeLabels() {
    ContainerSpec web = Scenarios.freshUp().steps().stream().map(PlanStep::operation)
        .filter(o -> o instanceof CreateContainer c && c.spec().name().equals("demo-web-1"))
        .map(o -> ((CreateContainer) o).spec()).findFirst().orElseThrow();
    assertEquals("demo", web.labels().get(ComposeLabels.PROJECT));
    assertEquals("web", web.labels().get(ComposeLabels.SERVICE));
    assertEquals("1", web.labels().get(ComposeLabels.CONTAINER_NUMBER));
    assertEquals("False", web.labels().get(ComposeLabels.ONEOFF));
    assertEquals("web-1", web.labels().get(ComposeLabels.CONFIG_HASH));
    assertEquals("sha256:web-v1", web.labels().get(ComposeLabels.IMAGE));
    assertEquals("db:service_healthy:false", web.labels().get(ComposeLabels.DEPENDS_ON));
  }

  @Test
  void recreatedContainerNamesTheContainerItReplaces() {
    ContainerSpec spec = firstCreatedSpec(Scenarios.environmentChange());
    assertEquals("demo-web-1", spec.labels().get(ComposeLabels.REPLACE));
    assertTrue(spec.name().endsWith("_demo-web-1"));
  }

  @Test
  void planningIsDeterministic() {
    assertEquals(Scenarios.networkDrift().render(), Scenarios.networkDrift().render());
    assertEquals(Scenarios.freshUp(), Scenarios.freshUp());
  }

  @Test
  void unknownSelectedServiceIsReportedWithTheKnownOnes() {
    PlanningException e = assertThrows(PlanningException.class, () -> Planner.plan(
        Scenarios.webAndDb("w", "d"), ObservedSnapshot.empty("demo"),
        PlanOptions.defaults().withServices(Set.of("wbe"))));
    assertEquals("no such service: wbe; the project defines db, web", e.getMessage());
  }

  @Test
  void dependencyCyclesAreNamed() {
    DependencyCycleException e = assertThrows(DependencyCycleException.class, () -> Planner.plan(
        Fixtures.project(Fixtures.service("a", "1", Dependency.started("b")),
            Fixtures.service("b", "1", Dependency.started("a"))),
        ObservedSnapshot.empty("demo"), PlanOptions.defaults()));
    assertEquals("dependency cycle found: a -> b -> a; remove one of these depends_on entries", e.getMessage());
  }

  @Test
  void forceRecreateAndNoRecreateAreIncompatible() {
    assertThrows(IllegalArgumentException.class,
        () -> PlanOptions.defaults().withForceRecreate(true).withNoRecreate(true));
  }

  @Test
  void noStartCreatesWithoutStarting() {
    Plan plan = Planner.plan(Scenarios.webAndDb("w", "d"), ObservedSnapshot.empty("demo"),
        PlanOptions.defaults().withNoStart(true));
    assertTrue(plan.steps().stream().noneMatch(s -> s.operation() instanceof Operation.StartContainer));
    assertNotEquals(0, plan.steps().size());
  }

  private static DesiredService withDigests(String hash, String digests) {
    DesiredService web = Fixtures.service("web", hash);
    return new DesiredService("web", web.template().toBuilder()
        .labels(Map.of(ComposeLabels.FILE_OBJECT_DIGESTS, digests)).build(), 1, hash, web.imageDigest(),
        List.of());
  }

  @Test
  void aChangedSecretFileIsNamedInTheRecreateCause() {
    DesiredService before = withDigests("web-1", "secret:token=aaaaaaaaaaaa,config:app=cccccccccccc");
    DesiredService after = withDigests("web-2", "secret:token=bbbbbbbbbbbb,config:app=cccccccccccc");
    Plan plan = Planner.plan(Fixtures.project(after), Fixtures.upToDate(Fixtures.project(before)),
        PlanOptions.defaults());
    PlanStep create = plan.steps().stream().filter(s -> s.operation() instanceof CreateContainer).findFirst()
        .orElseThrow();
    assertEquals("config hash changed (web-1 -> web-2): secret token changed", create.cause());
  }

  @Test
  void aContainerWithoutDigestsGetsThePlainCause() {
    DesiredService after = withDigests("web-2", "secret:token=bbbbbbbbbbbb");
    Plan plan = Planner.plan(Fixtures.project(after),
        Fixtures.upToDate(Fixtures.project(Fixtures.service("web", "web-1"))), PlanOptions.defaults());
    assertTrue(plan.render().contains("CreateContainer 77fa8d733c49_demo-web-1: config hash changed (web-1 -> web-2)"
        + " {recreate:web:1}"), plan.render());
  }
}
