package dev.berth.engine.execute;

import static dev.berth.engine.execute.EngineFixture.project;
import static dev.berth.engine.execute.EngineFixture.service;
import static dev.berth.engine.execute.EngineFixture.withHealthcheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.Plan;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.engine.plan.Planner;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.fake.FakeProgram;
import dev.berth.runtime.fake.FakeRun;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.tck.ForwardingContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanExecutorTest {
  private static final ExecutorOptions FAST = ExecutorOptions.defaults().withPollInterval(Duration.ofMillis(2));

  private final FakeRuntime fake = new FakeRuntime(Clock.systemUTC());
  private final List<EngineEvent> events = new ArrayList<>();

  private void image(String service, FakeRun run) {
    fake.addImage(ImageRef.of(service + ":latest"), FakeProgram.fixed(run));
  }

  private ExecutionResult up(ContainerRuntime runtime, DesiredProject project, ExecutorOptions options) {
    Plan plan = Planner.plan(project, ObservedSnapshot.take(runtime, project.name()), PlanOptions.defaults());
    return new PlanExecutor(runtime, Clock.systemUTC(), options).execute(plan, events::add);
  }

  private ContainerStatus status(String container) {
    return fake.inspect(ContainerId.of(container)).state().status();
  }

  private List<String> starts() {
    return fake.calls().stream().filter(c -> c.startsWith("start ")).toList();
  }

  @Test
  void upStartsDependenciesFirstAndASecondUpDoesNothing() {
    image("db", FakeRun.forever());
    image("web", FakeRun.forever());
    DesiredProject p = project(service("db"), service("web", Dependency.started("db")));
    ExecutionResult result = up(fake, p, FAST);
    assertTrue(result.succeeded(), result.toString());
    assertEquals(ContainerStatus.RUNNING, status("demo-db-1"));
    assertEquals(ContainerStatus.RUNNING, status("demo-web-1"));
    assertEquals(List.of("start demo-db-1", "start demo-web-1"), starts());
    assertTrue(Planner.plan(p, ObservedSnapshot.take(fake, "demo"), PlanOptions.defaults()).isEmpty());
    assertEventsArePairedAndFinished();
  }

  private void assertEventsArePairedAndFinished() {
    java.util.Set<Integer> started = new java.util.HashSet<>();
    for (EngineEvent e : events.subList(0, events.size() - 1)) {
      if (e instanceof EngineEvent.StepStarted s) {
        assertTrue(started.add(s.step().id()), "started once: " + s);
      } else if (e instanceof EngineEvent.StepSucceeded s) {
        assertTrue(started.contains(s.step().id()), "succeeded after started: " + s);
      }
    }
    EngineEvent.ExecutionFinished last = (EngineEvent.ExecutionFinished) events.get(events.size() - 1);
    assertEquals(started.size(), last.succeeded());
    assertEquals(0, last.failed());
  }

  @Test
  void recreateReplacesTheContainerUnderItsName() {
    image("web", FakeRun.forever());
    up(fake, project(service("web")), FAST);
    String before = fake.inspect(ContainerId.of("demo-web-1")).id().value();
    ExecutionResult result = up(fake, project(service("web").withConfigHash("changed")), FAST);
    assertTrue(result.succeeded(), result.toString());
    assertFalse(before.equals(fake.inspect(ContainerId.of("demo-web-1")).id().value()));
    assertEquals(ContainerStatus.RUNNING, status("demo-web-1"));
    assertEquals(1, fake.list(dev.berth.runtime.LabelSelector.of("com.docker.compose.project", "demo")).size());
  }

  @Test
  void parallelLimitIsHonouredAndFilled() {
    List<DesiredService> services = IntStream.rangeClosed(1, 12).mapToObj(i -> service("s" + i)).toList();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    FakeRuntime slow = new FakeRuntime(Clock.systemUTC(), Duration.ofMillis(15));
    services.forEach(s -> slow.addImage(ImageRef.of(s.name() + ":latest"), FakeProgram.fixed(FakeRun.forever())));
    ContainerRuntime counting = new ForwardingContainerRuntime(slow) {
      @Override
      protected <T> T around(String operation, Call<T> call) throws InterruptedException {
        max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          return call.call();
        } finally {
          inFlight.decrementAndGet();
        }
      }
    };
    ExecutionResult result = up(counting, project(services), FAST.withParallelLimit(3));
    assertTrue(result.succeeded(), result.toString());
    assertEquals(3, max.get(), "at most and at least 3 runtime calls in flight");
  }

  @Test
  void aFailureCancelsDependentsWithAClearMessage() {
    image("web", FakeRun.forever());
    // no image for db: creating it fails
    ExecutionResult result = up(fake, project(service("db"), service("web", Dependency.healthy("db"))), FAST);
    assertFalse(result.succeeded());
    assertEquals(1, result.failures().size());
    StepResult failed = result.failures().get(0);
    assertEquals("CreateContainer", failed.step().operation().kind());
    assertEquals("create container db:latest: no such image; pull or build it first", failed.message());
    List<StepResult> cancelled = result.withOutcome(StepResult.Outcome.CANCELLED);
    assertEquals(List.of("StartContainer demo-db-1", "CreateContainer demo-web-1", "AwaitService db service_healthy",
        "StartContainer demo-web-1"), cancelled.stream()
        .map(r -> r.step().operation().kind() + " " + r.step().operation().target()).toList());
    assertTrue(cancelled.get(0).message().startsWith("#2 CreateContainer demo-db-1 failed: create container"),
        cancelled.get(0).message());
    assertTrue(fake.list(dev.berth.runtime.LabelSelector.all()).isEmpty(), "nothing started after the failure");
  }

  @Test
  void serviceHealthyWaitsForTheHealthcheck() {
    image("db", FakeRun.forever().withHealth(HealthStatus.HEALTHY, Duration.ofMillis(150)));
    image("web", FakeRun.forever());
    DesiredProject p = project(withHealthcheck(service("db")), service("web", Dependency.healthy("db")));
    ExecutionResult result = up(fake, p, FAST);
    assertTrue(result.succeeded(), result.toString());
    var dbStarted = fake.inspect(ContainerId.of("demo-db-1")).state().startedAt().orElseThrow();
    var webStarted = fake.inspect(ContainerId.of("demo-web-1")).state().startedAt().orElseThrow();
    assertTrue(Duration.between(dbStarted, webStarted).toMillis() >= 150,
        "web started " + Duration.between(dbStarted, webStarted) + " after db");
  }

  @Test
  void unhealthyDependencyFailsTheDependentUnlessOptional() {
    image("db", FakeRun.forever().withHealth(HealthStatus.UNHEALTHY, Duration.ZERO));
    image("web", FakeRun.forever());
    ExecutionResult result = up(fake, project(withHealthcheck(service("db")),
        service("web", Dependency.healthy("db"))), FAST);
    assertEquals("dependency failed to start: container demo-db-1 is unhealthy", result.failures().get(0).message());
    assertEquals(ContainerStatus.CREATED, status("demo-web-1"));

    FakeRuntime other = new FakeRuntime(Clock.systemUTC());
    other.addImage(ImageRef.of("db:latest"), FakeProgram.fixed(FakeRun.forever()
        .withHealth(HealthStatus.UNHEALTHY, Duration.ZERO)));
    other.addImage(ImageRef.of("web:latest"), FakeProgram.fixed(FakeRun.forever()));
    ExecutionResult optional = up(other, project(withHealthcheck(service("db")),
        service("web", Dependency.healthy("db").withRequired(false))), FAST);
    assertTrue(optional.succeeded(), optional.toString());
    assertEquals(1, optional.withOutcome(StepResult.Outcome.WARNED).size());
    assertTrue(events.stream().anyMatch(e -> e instanceof EngineEvent.StepWarning));
    assertEquals(ContainerStatus.RUNNING, other.inspect(ContainerId.of("demo-web-1")).state().status());
  }

  @Test
  void completedSuccessfullyChainRunsOneShotsInOrder() {
    image("init", FakeRun.exits(0).withExitAfter(Duration.ofMillis(30)));
    image("migrate", FakeRun.exits(0));
    image("app", FakeRun.forever());
    ExecutionResult result = up(fake, project(service("init"), service("migrate", Dependency.completed("init")),
        service("app", Dependency.completed("migrate"))), FAST);
    assertTrue(result.succeeded(), result.toString());
    assertEquals(List.of("start demo-init-1", "start demo-migrate-1", "start demo-app-1"), starts());
    assertEquals(ContainerStatus.EXITED, status("demo-migrate-1"));
    assertEquals(ContainerStatus.RUNNING, status("demo-app-1"));
  }

  @Test
  void failedOneShotCancelsItsDependents() {
    image("migrate", FakeRun.exits(3));
    image("app", FakeRun.forever());
    ExecutionResult result = up(fake, project(service("migrate"), service("app", Dependency.completed("migrate"))),
        FAST);
    assertEquals("service migrate didn't complete successfully: container demo-migrate-1 exited with code 3",
        result.failures().get(0).message());
    assertEquals(ContainerStatus.CREATED, status("demo-app-1"));
  }

  @Test
  void interruptCancelsCleanly() throws InterruptedException {
    image("db", FakeRun.forever().withHealth(HealthStatus.HEALTHY, Duration.ofHours(1)));
    image("web", FakeRun.forever());
    DesiredProject p = project(withHealthcheck(service("db")), service("web", Dependency.healthy("db")));
    AtomicReference<ExecutionResult> result = new AtomicReference<>();
    Thread t = new Thread(() -> result.set(up(fake, p, FAST)));
    t.start();
    while (fake.calls().stream().noneMatch(c -> c.equals("start demo-db-1"))) {
      Thread.sleep(2);
    }
    t.interrupt();
    t.join(5_000);
    assertFalse(t.isAlive());
    assertTrue(result.get().interrupted());
    assertEquals(List.of("AwaitService", "StartContainer"), result.get().withOutcome(StepResult.Outcome.CANCELLED)
        .stream().map(r -> r.step().operation().kind()).toList());
    assertEquals(ContainerStatus.CREATED, status("demo-web-1"));
    EngineEvent last = events.get(events.size() - 1);
    assertTrue(last instanceof EngineEvent.ExecutionFinished f && f.interrupted());
  }
}
