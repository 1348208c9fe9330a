package dev.berth.engine.execute;

import static dev.berth.engine.execute.EngineFixture.project;
import static dev.berth.engine.execute.EngineFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredNetwork;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredVolume;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.DownOptions;
import dev.berth.engine.plan.Plan;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.engine.plan.Planner;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.fake.FakeProgram;
import dev.berth.runtime.fake.FakeRun;
import dev.berth.runtime.fake.FakeRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plans executed on the honest fake: every planned call must be legal there, and the end state as intended. */
class UpDownRoundTripTest {
  private final FakeRuntime fake = new FakeRuntime(Clock.systemUTC());
  private final PlanExecutor executor = new PlanExecutor(fake, Clock.systemUTC(),
      ExecutorOptions.defaults().withPollInterval(Duration.ofMillis(2)));

  @BeforeEach
  void images() {
    for (String s : List.of("db", "web")) {
      fake.addImage(ImageRef.of(s + ":latest"), FakeProgram.fixed(FakeRun.forever()));
    }
  }

  private void apply(Plan plan) {
    ExecutionResult result = executor.execute(plan, e -> { });
    assertTrue(result.succeeded(), plan.render() + result);
  }

  private void up(DesiredProject p, PlanOptions options) {
    apply(Planner.plan(p, ObservedSnapshot.take(fake, "demo"), options));
  }

  private ObservedSnapshot observed() {
    return ObservedSnapshot.take(fake, "demo");
  }

  private static DesiredProject withData(DesiredProject p, String networkHash) {
    return new DesiredProject(p.name(), p.services(),
        List.of(new DesiredNetwork("default", NetworkSpec.bridge("demo_default", Map.of()), networkHash, false)),
        List.of(new DesiredVolume("data", VolumeSpec.local("demo_data", Map.of()), "v", false)));
  }

  private static DesiredProject stack(String networkHash) {
    return stack(networkHash, "db-hash");
  }

  private static DesiredProject stack(String networkHash, String dbHash) {
    var db = service("db");
    db = new dev.berth.engine.desired.DesiredService("db", db.template().toBuilder()
        .mounts(List.of(Mount.Volume.named("demo_data", "/data"), Mount.Volume.anonymous("/cache"))).build(),
        1, dbHash, "", List.of());
    return withData(project(db, service("web", Dependency.started("db").withRestart(true)).withReplicas(2)),
        networkHash);
  }

  @Test
  void networkDriftIsAppliedAndContainersKeepTheirIdentity() {
    up(stack("n1"), PlanOptions.defaults());
    List<String> ids = observed().containers().stream().map(c -> c.id().value()).toList();
    up(stack("n2"), PlanOptions.defaults());
    ObservedSnapshot after = observed();
    assertEquals(ids, after.containers().stream().map(c -> c.id().value()).toList());
    assertTrue(after.containers().stream().allMatch(c -> c.state().running() && c.networks().contains("demo_default")));
    assertEquals("n2", after.network("demo_default").orElseThrow().labels().get(ComposeLabels.CONFIG_HASH));
    assertTrue(Planner.plan(stack("n2"), after, PlanOptions.defaults()).isEmpty());
  }

  @Test
  void recreateKeepsTheAnonymousVolumeAndRestartsDependents() {
    up(stack("n1"), PlanOptions.defaults());
    ContainerSummary before = fake.inspect(ContainerId.of("demo-db-1"));
    up(stack("n1", "db-hash-2"), PlanOptions.defaults());
    ContainerSummary after = fake.inspect(ContainerId.of("demo-db-1"));
    assertTrue(!before.id().equals(after.id()));
    assertEquals(before.mounts(), after.mounts(), "named and anonymous volumes both carried over");
    assertEquals("demo-db-1", after.labels().get(ComposeLabels.REPLACE));
    assertTrue(fake.calls().contains("stop demo-web-1"), "restart: true dependent was stopped");
    int renamed = fake.calls().indexOf("rename " + before.id().shortId() + "_demo-db-1 demo-db-1");
    assertTrue(renamed > 0 && fake.calls().lastIndexOf("start demo-web-2") > renamed, fake.calls().toString());
    assertEquals(ContainerStatus.RUNNING, fake.inspect(ContainerId.of("demo-web-2")).state().status());
  }

  @Test
  void downWithVolumesLeavesNothing() {
    up(stack("n1"), PlanOptions.defaults());
    apply(Planner.planDown(stack("n1"), observed(), DownOptions.defaults().withRemoveVolumes(true)));
    ObservedSnapshot after = observed();
    assertTrue(after.containers().isEmpty() && after.networks().isEmpty() && after.volumes().isEmpty(),
        after.toString());
    assertTrue(fake.listVolumes(LabelSelector.all()).isEmpty(), "anonymous volumes removed too");
  }
}
