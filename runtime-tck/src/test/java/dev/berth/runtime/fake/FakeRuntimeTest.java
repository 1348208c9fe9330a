package dev.berth.runtime.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RuntimeProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the fake adds beyond the contract: scripted time, health, call recording, latency, discovery. */
class FakeRuntimeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final FakeRuntime runtime = new FakeRuntime(clock);
  private final ImageRef app = ImageRef.of("app:1");

  @Test
  void scriptedExitHappensWhenTheClockPassesIt() {
    runtime.addImage(app, FakeProgram.fixed(FakeRun.exits(2).withExitAfter(Duration.ofSeconds(30))));
    ContainerId id = runtime.create(ContainerSpec.builder("job", app).build());
    runtime.start(id);
    clock.advance(Duration.ofSeconds(29));
    assertEquals(ContainerStatus.RUNNING, runtime.inspect(id).state().status());
    clock.advance(Duration.ofSeconds(1));
    var state = runtime.inspect(id).state();
    assertEquals(ContainerStatus.EXITED, state.status());
    assertEquals(2, state.exitCode());
    assertEquals(T0.plusSeconds(30), state.finishedAt().orElseThrow());
  }

  @Test
  void healthIsStartingUntilTheScriptedDelayThenTheScriptedStatus() {
    runtime.addImage(app, FakeProgram.fixed(FakeRun.forever().withHealth(HealthStatus.HEALTHY,
        Duration.ofSeconds(5))));
    ContainerId id = runtime.create(ContainerSpec.builder("db", app)
        .healthcheck(Healthcheck.of(List.of("CMD", "true"))).build());
    ContainerId plain = runtime.create(ContainerSpec.builder("plain", app).build());
    runtime.start(id);
    runtime.start(plain);
    assertEquals(HealthStatus.STARTING, runtime.inspect(id).state().health());
    clock.advance(Duration.ofSeconds(5));
    assertEquals(HealthStatus.HEALTHY, runtime.inspect(id).state().health());
    assertEquals(HealthStatus.NONE, runtime.inspect(plain).state().health());
  }

  @Test
  void callsAreRecordedInOrder() {
    runtime.addImage(app, FakeProgram.fixed(FakeRun.forever()));
    ContainerId id = runtime.create(ContainerSpec.builder("web", app).build());
    runtime.start(id);
    runtime.stop(id, Duration.ofSeconds(1));
    assertEquals(List.of("create web", "start " + id, "stop " + id), runtime.calls());
  }

  @Test
  void latencyDelaysEveryCall() {
    FakeRuntime slow = new FakeRuntime(clock, Duration.ofMillis(40));
    long start = System.nanoTime();
    slow.listImages();
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 40);
  }

  @Test
  void shellReportsUnknownCommandsLikeAShell() {
    ExecResult r = new FakeShell().exec(List.of("sh", "-c", "frobnicate"), java.util.Map.of());
    assertEquals(127, r.exitCode());
    assertEquals("sh: frobnicate: not found\n", r.stderr());
  }

  @Test
  void theFakeProviderIsFoundByServiceLoader() {
    RuntimeProvider provider = ServiceLoader.load(RuntimeProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("fake")).findFirst().orElseThrow();
    assertTrue(provider.probe().usable());
    try (ContainerRuntime r = provider.open()) {
      ContainerId id = r.create(ContainerSpec.builder("x", FakeRuntimeProvider.BUSYBOX)
          .command(List.of("sh", "-c", "sleep infinity")).build());
      r.start(id);
      assertEquals("hi\n", r.exec(id, ExecSpec.of("sh", "-c", "echo hi")).stdout());
    }
  }
}
