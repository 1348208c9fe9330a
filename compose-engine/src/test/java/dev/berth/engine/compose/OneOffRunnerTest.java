package dev.berth.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.engine.plan.PlanningException;
import dev.berth.engine.pull.PullPolicy;
import dev.berth.model.load.LoadedProject;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneOffRunnerTest {
  @TempDir
  Path dir;

  private FakeRuntime runtime;
  private ComposeEngine engine;

  private static final String WEB = """
      name: demo
      services:
        web:
          image: busybox:latest
          command: ["sh", "-c", "echo serving; sleep infinity"]
          ports: ["8080:80"]
          networks:
            default:
              aliases: [www]
      """;

  @BeforeEach
  void setUp() {
    runtime = new FakeRuntime(Clock.systemUTC());
    runtime.addImage(ImageRef.of("busybox:latest"), new FakeShell());
    engine = new ComposeEngine(runtime, Clock.systemUTC(),
        ExecutorOptions.defaults().withPollInterval(Duration.ofMillis(5)), "test");
  }

  private ContainerSpec detached(String yaml, OneOffSettings settings) throws InterruptedException {
    LoadedProject loaded = Projects.load(dir, yaml);
    RunRequest request = RunRequest.of("web", List.of("true")).withSettings(settings);
    request = new RunRequest(request.service(), request.command(), Map.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), true, true, false, settings, OneOffImage.DEFAULTS);
    RunResult result = engine.run(loaded, request, e -> { }, e -> { });
    return runtime.spec(result.container());
  }

  @Test
  void outputIsHandedOverWhileTheContainerStillRuns() throws Exception {
    LoadedProject loaded = Projects.load(dir, WEB);
    List<Long> received = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    RunResult result = engine.run(loaded, RunRequest.of("web", List.of("sh", "-c", "echo first; echo oops >&2;"
        + " sleep 1; exit 4")), e -> { }, e -> {
          received.add(System.nanoTime());
          lines.add(e.stream() + " " + e.line());
        });
    long returned = System.nanoTime();
    assertEquals(4, result.exitCode());
    assertEquals(List.of("STDOUT first", "STDERR oops"), lines);
    assertTrue(Duration.ofNanos(returned - received.get(0)).toMillis() >= 500,
        "the first line must arrive before the container exits, not after");
  }

  @Test
  void aOneOffPublishesNoPortsUnlessAskedAndKeepsAliasesOnlyWithUseAliases() throws Exception {
    ContainerSpec plain = detached(WEB, OneOffSettings.DEFAULTS);
    assertEquals(List.of(), plain.ports());
    assertEquals(List.of(new NetworkAttachment("demo_default", List.of(), Optional.empty(), Optional.empty(),
        Optional.empty())), plain.networks());
    ContainerSpec servicePorts = detached(WEB, OneOffSettings.DEFAULTS.withPublish(List.of(), true)
        .withUseAliases(true));
    assertEquals(List.of(PortBinding.tcp(8080, 80)), servicePorts.ports());
    assertEquals(List.of("web", "www"), servicePorts.networks().get(0).aliases());
    ContainerSpec published = detached(WEB, OneOffSettings.DEFAULTS.withPublish(List.of("127.0.0.1:9000:90/udp",
        "7000-7001:70-71"), true));
    assertEquals(List.of(new PortBinding("127.0.0.1", 9000, 90, "udp"), PortBinding.tcp(7000, 70),
        PortBinding.tcp(7001, 71)), published.ports());
  }

  @Test
  void volumesLabelsCapabilitiesAndTerminalAreAddedToTheService() throws Exception {
    ContainerSpec spec = detached(WEB, OneOffSettings.DEFAULTS
        .withVolumes(List.of("./data:/data:ro", "cache:/cache"))
        .withLabels(Map.of("purpose", "migration"))
        .withCapabilities(List.of("NET_ADMIN"), List.of("MKNOD"))
        .withTerminal(true, true));
    assertEquals(List.of(new Mount.Bind(dir.resolve("data").toString(), "/data", true, Optional.empty(), true),
        Mount.Volume.named("cache", "/cache")), spec.mounts());
    assertEquals("migration", spec.labels().get("purpose"));
    assertEquals("True", spec.labels().get("com.docker.compose.oneoff"));
    assertEquals(List.of("NET_ADMIN"), spec.capAdd());
    assertEquals(List.of("MKNOD"), spec.capDrop());
    assertTrue(spec.tty() && spec.stdinOpen());
    assertEquals("cache", runtime.inspectVolume("cache").name(), "an undeclared named volume is created");
  }

  @Test
  void malformedPortsAndVolumesAreRefusedBeforeAnythingIsCreated() {
    PlanningException e = assertThrows(PlanningException.class, () -> detached(WEB, OneOffSettings.DEFAULTS
        .withPublish(List.of("80:eighty"), false)));
    assertTrue(e.getMessage().startsWith("run -p/--publish 80:eighty: "), e.getMessage());
    assertThrows(PlanningException.class, () -> detached(WEB, OneOffSettings.DEFAULTS
        .withVolumes(List.of("a:b:c:d"))));
    assertEquals(List.of(), runtime.list(dev.berth.runtime.LabelSelector.all()));
  }

  @Test
  void aMissingImageIsBuiltAndBuildRebuildsIt() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\nLABEL stage=one\n");
    String yaml = """
        name: demo
        services:
          web:
            image: demo-web:dev
            build: .
            command: ["sh", "-c", "echo built"]
        """;
    LoadedProject loaded = Projects.load(dir, yaml);
    List<String> out = new ArrayList<>();
    RunResult first = engine.run(loaded, RunRequest.of("web", List.of()), e -> { }, e -> out.add(e.line()));
    assertEquals(0, first.exitCode());
    assertEquals(List.of("built"), out);
    assertEquals(1, builds());
    engine.run(loaded, RunRequest.of("web", List.of()), e -> { }, e -> { });
    assertEquals(1, builds(), "a present image is not rebuilt without --build");
    engine.run(loaded, RunRequest.of("web", List.of()).withImage(new OneOffImage(true, Optional.empty())),
        e -> { }, e -> { });
    assertEquals(2, builds());
  }

  private long builds() {
    return runtime.calls().stream().filter(c -> c.startsWith("build ")).count();
  }

  @Test
  void aMissingImageThatCannotBeBuiltIsAClearError() {
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          web:
            image: nowhere:1
        """);
    PlanningException never = assertThrows(PlanningException.class, () -> engine.run(loaded,
        RunRequest.of("web", List.of()).withImage(new OneOffImage(false, Optional.of(PullPolicy.NEVER))), e -> { },
        e -> { }));
    assertTrue(never.getMessage().contains("--pull never forbids pulling it"), never.getMessage());
    assertEquals(List.of(), runtime.list(dev.berth.runtime.LabelSelector.all()));
  }

  @Test
  void aMissingImageIsPulledAndPullAlwaysPullsAPresentOneAgain() throws Exception {
    runtime.addRegistryImage(ImageRef.of("registry.test/tool:1"), new FakeShell());
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          tool:
            image: registry.test/tool:1
        """);
    List<String> out = new ArrayList<>();
    RunResult r = engine.run(loaded, RunRequest.of("tool", List.of("sh", "-c", "echo pulled")), e -> { },
        e -> out.add(e.line()));
    assertEquals(0, r.exitCode());
    assertEquals(List.of("pulled"), out);
    assertEquals(1, pulls());
    engine.run(loaded, RunRequest.of("tool", List.of("true")), e -> { }, e -> { });
    assertEquals(1, pulls(), "a present image is not pulled again under the default pull_policy");
    engine.run(loaded, RunRequest.of("tool", List.of("true")).withImage(new OneOffImage(false,
        Optional.of(PullPolicy.ALWAYS))), e -> { }, e -> { });
    assertEquals(2, pulls());
  }

  @Test
  void pullPolicyNeverOfTheServiceForbidsPullingAMissingImage() {
    runtime.addRegistryImage(ImageRef.of("registry.test/tool:1"), new FakeShell());
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          tool:
            image: registry.test/tool:1
            pull_policy: never
        """);
    PlanningException e = assertThrows(PlanningException.class, () -> engine.run(loaded,
        RunRequest.of("tool", List.of("true")), x -> { }, x -> { }));
    assertTrue(e.getMessage().contains("pull_policy never forbids pulling it"), e.getMessage());
    assertEquals(0, pulls());
    assertEquals(List.of(), runtime.list(dev.berth.runtime.LabelSelector.all()));
  }

  @Test
  void aFailedPullCreatesNothing() {
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          tool:
            image: registry.test/absent:1
        """);
    PlanningException e = assertThrows(PlanningException.class, () -> engine.run(loaded,
        RunRequest.of("tool", List.of("true")), x -> { }, x -> { }));
    assertTrue(e.getMessage().contains("pulling image registry.test/absent:1 of service tool failed"),
        e.getMessage());
    assertEquals(List.of(), runtime.list(dev.berth.runtime.LabelSelector.all()));
  }

  private long pulls() {
    return runtime.calls().stream().filter(c -> c.startsWith("pullImage ")).count();
  }

  @Test
  void secretsGivenByValueReachTheOneOff() throws Exception {
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          web:
            image: busybox:latest
            configs:
              - source: motd
                mode: 0440
        configs:
          motd:
            content: hello there
        """);
    List<String> out = new ArrayList<>();
    RunResult r = engine.run(loaded, RunRequest.of("web", List.of("sh", "-c", "cat /motd; stat -c %a /motd")),
        e -> { }, e -> out.add(e.line()));
    assertEquals(0, r.exitCode());
    assertEquals(List.of("hello there", "440"), out);
  }
}
