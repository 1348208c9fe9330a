package dev.berth.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.engine.plan.DownOptions;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeShell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeEngineTest {
  @TempDir
  Path dir;

  private FakeRuntime runtime;
  private ComposeEngine engine;
  private final List<EngineEvent> events = new ArrayList<>();

  @BeforeEach
  void setUp() {
    runtime = new FakeRuntime(Clock.systemUTC());
    runtime.addImage(ImageRef.of("busybox:latest"), new FakeShell());
    engine = new ComposeEngine(runtime, Clock.systemUTC(),
        ExecutorOptions.defaults().withPollInterval(Duration.ofMillis(5)), "test");
  }

  private static final String TWO_SERVICES = """
      name: demo
      services:
        web:
          image: busybox:latest
          command: ["sh", "-c", "echo serving; sleep infinity"]
          depends_on: [db]
        db:
          image: busybox:latest
          command: ["sh", "-c", "echo db up; sleep infinity"]
      """;

  private List<String> names(List<ContainerSummary> containers) {
    return containers.stream().map(ContainerSummary::name).toList();
  }

  @Test
  void upStartsEverythingAndDownFromLabelsAloneRemovesIt() throws Exception {
    LoadedProject loaded = Projects.load(dir, TWO_SERVICES);
    Outcome up = engine.up(loaded, UpRequest.of(PlanOptions.defaults()), events::add);
    assertTrue(up.succeeded());
    assertEquals(List.of("demo-db-1", "demo-web-1"), names(engine.ps("demo", Set.of(), false)));
    assertTrue(events.get(events.size() - 1) instanceof EngineEvent.ExecutionFinished);

    Outcome again = engine.up(loaded, UpRequest.of(PlanOptions.defaults()), e -> { });
    assertTrue(again.plan().isEmpty(), again.plan().render());

    Outcome down = engine.down("demo", Optional.empty(), DownOptions.defaults(), false, e -> { });
    assertTrue(down.succeeded(), down.plan().render());
    assertEquals(List.of(), engine.ps("demo", Set.of(), true));
    assertEquals(List.of(), runtime.listNetworks(dev.berth.runtime.LabelSelector.of(
        "com.docker.compose.project", "demo")));
  }

  @Test
  void dryRunOnlyPlans() throws Exception {
    Outcome up = engine.up(Projects.load(dir, TWO_SERVICES),
        UpRequest.of(PlanOptions.defaults()).withDryRun(true), events::add);
    assertTrue(up.execution().isEmpty());
    assertTrue(up.plan().render().contains("CreateContainer demo-web-1"), up.plan().render());
    assertEquals(List.of(), engine.ps("demo", Set.of(), true));
    assertEquals(List.of(), events);
  }

  @Test
  void lifecycleCommandsActOnTheContainersOfTheProject() throws Exception {
    engine.up(Projects.load(dir, TWO_SERVICES), UpRequest.of(PlanOptions.defaults()), e -> { });
    assertTrue(engine.stop("demo", Set.of("web"), Optional.of(Duration.ZERO), false, e -> { }).succeeded());
    assertEquals(List.of("demo-db-1"), names(engine.ps("demo", Set.of(), false)));
    assertTrue(engine.start("demo", Set.of(), false, e -> { }).succeeded());
    assertEquals(2, engine.ps("demo", Set.of(), false).size());
    assertEquals(List.of("demo-db-1"), engine.pause("demo", Set.of("db")));
    assertEquals(ContainerStatus.PAUSED, engine.ps("demo", Set.of("db"), true).get(0).state().status());
    assertEquals(List.of("demo-db-1"), engine.unpause("demo", Set.of("db")));
    assertTrue(engine.restart("demo", Set.of("web"), Optional.of(Duration.ZERO), false, e -> { }).succeeded());
    assertEquals(List.of("demo-web-1"), engine.kill("demo", Set.of("web"), "SIGKILL"));
    assertTrue(engine.rm("demo", Set.of(), false, false, Optional.empty(), false, e -> { }).succeeded());
    assertEquals(List.of("demo-db-1"), names(engine.ps("demo", Set.of(), true)));
    assertEquals(List.of(new ProjectSummary("demo", "running(1)", dir.resolve("compose.yaml").toString())),
        engine.ls(false));
  }

  @Test
  void stopGoesDependentsFirstAndStartDependenciesFirst() throws Exception {
    engine.up(Projects.load(dir, TWO_SERVICES), UpRequest.of(PlanOptions.defaults()), e -> { });
    Outcome stop = engine.stop("demo", Set.of(), Optional.of(Duration.ZERO), true, e -> { });
    assertEquals("""
        #1 StopContainer demo-web-1 (timeout 0s): stop
        #2 StopContainer demo-db-1 (timeout 0s): stop [after #1]
        """, stop.plan().render());
    engine.stop("demo", Set.of(), Optional.of(Duration.ZERO), false, e -> { });
    assertEquals("""
        #1 StartContainer demo-db-1: start
        #2 StartContainer demo-web-1: start [after #1]
        """, engine.start("demo", Set.of(), true, e -> { }).plan().render());
  }

  @Test
  void logsExecImagesAndPortReadTheRunningProject() throws Exception {
    LoadedProject loaded = Projects.load(dir, TWO_SERVICES.replace("depends_on: [db]", "ports: [\"8080:80\"]"));
    engine.up(loaded, UpRequest.of(PlanOptions.defaults()), e -> { });
    List<String> lines = new ArrayList<>();
    engine.logs("demo", Set.of(), LogOptions.ALL, l -> lines.add(l.service() + "|" + l.entry().line()));
    assertEquals(List.of("db|db up", "web|serving"), lines);
    assertEquals("hi\n", engine.exec("demo", "web", 1, ExecSpec.of("sh", "-c", "echo hi")).stdout());
    assertEquals(List.of("demo-db-1", "demo-web-1"),
        engine.images("demo", Set.of()).stream().map(ContainerImage::container).toList());
    assertEquals(Optional.of("0.0.0.0:8080"), engine.port(loaded, "web", 80, "tcp", 1));
  }

  @Test
  void followingLogsEndsWhenTheContainersStop() throws Exception {
    engine.up(Projects.load(dir, TWO_SERVICES), UpRequest.of(PlanOptions.defaults()), e -> { });
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread follower = new Thread(() -> {
      try {
        engine.logs("demo", Set.of("web"), LogOptions.ALL.withFollow(true), l -> lines.add(l.entry().line()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    follower.start();
    engine.stop("demo", Set.of("web"), Optional.of(Duration.ZERO), false, e -> { });
    follower.join(5000);
    assertFalse(follower.isAlive());
    assertEquals(List.of("serving"), lines);
  }

  @Test
  void runCreatesAOneOffContainerAndRemovesItWithRm() throws Exception {
    LoadedProject loaded = Projects.load(dir, TWO_SERVICES);
    RunRequest request = new RunRequest("web", List.of("sh", "-c", "printenv GREETING; exit 3"),
        Map.of("GREETING", "hello"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        false, false, true);
    List<String> output = new ArrayList<>();
    RunResult result = engine.run(loaded, request, e -> { }, e -> output.add(e.line()));
    assertTrue(result.container().matches("demo-web-run-[0-9a-f]{12}"), result.container());
    assertEquals(3, result.exitCode());
    assertEquals(List.of("hello"), output);
    assertEquals(List.of("demo-db-1"), names(engine.ps("demo", Set.of(), true)));
  }

  @Test
  void waitCountsAOneShotThatExitedZeroAsDone() throws Exception {
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          migrate:
            image: busybox:latest
            command: ["sh", "-c", "echo migrated; exit 0"]
          web:
            image: busybox:latest
            command: ["sh", "-c", "sleep infinity"]
        """);
    Outcome up = engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withWait(Optional.of(Duration.ofSeconds(5))),
        e -> { });
    assertTrue(up.succeeded(), up.errors().toString());
  }

  @Test
  void waitReportsAOneShotThatFailed() throws Exception {
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          migrate:
            image: busybox:latest
            command: ["sh", "-c", "exit 2"]
        """);
    Outcome up = engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withWait(Optional.of(Duration.ofSeconds(5))),
        e -> { });
    assertFalse(up.succeeded());
    assertEquals(List.of("container demo-migrate-1 exited with code 2"), up.errors());
  }

  @Test
  void scaleChangesOnlyTheNamedService() throws Exception {
    LoadedProject loaded = Projects.load(dir, TWO_SERVICES);
    engine.up(loaded, UpRequest.of(PlanOptions.defaults()), e -> { });
    assertTrue(engine.scale(loaded, Map.of("web", 3), false, e -> { }).succeeded());
    assertEquals(List.of("demo-db-1", "demo-web-1", "demo-web-2", "demo-web-3"),
        names(engine.ps("demo", Set.of(), false)));
    engine.kill("demo", Set.of("web"), "SIGKILL");
    assertEquals(List.of("demo-web-1", "demo-web-2", "demo-web-3"),
        List.copyOf(engine.waitFor("demo", Set.of("web")).keySet()));
  }
}
