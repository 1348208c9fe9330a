package dev.berth.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.engine.desired.ReadinessProbe;
import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.engine.execute.StepResult;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.problem.ComposeException;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeShell;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** x-berth-ready on the fake runtime: depends_on service_healthy and up --wait honour it without a healthcheck. */
class ReadinessProbeTest {
  @TempDir
  Path dir;

  private ComposeEngine engine;

  @BeforeEach
  void setUp() {
    FakeRuntime runtime = new FakeRuntime(Clock.systemUTC());
    runtime.addImage(ImageRef.of("busybox:latest"), new FakeShell());
    engine = new ComposeEngine(runtime, Clock.systemUTC(), ExecutorOptions.defaults()
        .withPollInterval(Duration.ofMillis(5)).withAwaitTimeout(Duration.ofSeconds(3)), "test");
  }

  private Outcome upWithDb(String dbCommand, String ready) throws InterruptedException {
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          db:
            image: busybox:latest
            command: ["sh", "-c", "%s"]
        %s
          app:
            image: busybox:latest
            command: ["sh", "-c", "sleep infinity"]
            depends_on:
              db:
                condition: service_healthy
        """.formatted(dbCommand, ready));
    return engine.up(loaded, UpRequest.of(PlanOptions.defaults()), e -> { });
  }

  @Test
  void aLogProbeMakesServiceHealthyWaitForTheLine() throws Exception {
    Outcome up = upWithDb("echo database system is ready; sleep infinity", """
            x-berth-ready:
              log: "system is ready"
              interval: 10ms
        """);
    assertTrue(up.succeeded(), up.execution().orElseThrow().failures().toString());
  }

  @Test
  void aLogProbeThatNeverMatchesTimesOutAndCancelsTheDependent() throws Exception {
    Outcome up = upWithDb("echo starting; sleep infinity", """
            x-berth-ready:
              log: "system is ready"
              interval: 10ms
        """);
    assertFalse(up.succeeded());
    StepResult failed = up.execution().orElseThrow().failures().get(0);
    assertEquals("timed out after 3s waiting for db to be service_healthy", failed.message());
  }

  @Test
  void withoutProbeOrHealthcheckServiceHealthyFailsAsInCompose() throws Exception {
    Outcome up = upWithDb("sleep infinity", "");
    assertFalse(up.succeeded());
    assertTrue(up.execution().orElseThrow().failures().get(0).message().contains("has no healthcheck"));
  }

  @Test
  void aCommandProbePassesWhenTheExecExitsZero() throws Exception {
    Outcome up = upWithDb("sleep infinity", """
            x-berth-ready:
              command: ["sh", "-c", "true"]
        """);
    assertTrue(up.succeeded());
  }

  @Test
  void aPortProbeConnectsToThePublishedPortForUpWait() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      LoadedProject loaded = Projects.load(dir, """
          name: demo
          services:
            web:
              image: busybox:latest
              command: ["sh", "-c", "sleep infinity"]
              ports: ["%d:5432"]
              x-berth-ready:
                port: 5432
          """.formatted(server.getLocalPort()));
      Outcome up = engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withWait(Optional.of(
          Duration.ofSeconds(3))), e -> { });
      assertTrue(up.succeeded(), up.errors().toString());
      assertEquals(new ReadinessProbe(new ReadinessProbe.Port("127.0.0.1", server.getLocalPort()),
          Duration.ofSeconds(1), Duration.ofSeconds(2)), ReadinessProbes.of(loaded.project()).get("web"));
    }
  }

  @Test
  void anHttpProbeNeedsTheExpectedStatus() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      String yaml = """
          name: demo
          services:
            web:
              image: busybox:latest
              command: ["sh", "-c", "sleep infinity"]
              x-berth-ready:
                http: {port: %d, path: %s}
                interval: 10ms
          """;
      Outcome ok = engine.up(Projects.load(dir, yaml.formatted(port, "/health")),
          UpRequest.of(PlanOptions.defaults()).withWait(Optional.of(Duration.ofSeconds(3))), e -> { });
      assertTrue(ok.succeeded(), ok.errors().toString());
      Outcome missing = engine.up(Projects.load(dir, yaml.formatted(port, "/nope")),
          UpRequest.of(PlanOptions.defaults()).withWait(Optional.of(Duration.ofMillis(300))), e -> { });
      assertEquals(List.of("timed out after 0s waiting for demo-web-1"), missing.errors());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void probesNeedExactlyOneCheck() {
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          web:
            image: busybox:latest
            x-berth-ready:
              port: 80
              log: ready
        """);
    ComposeException e = assertThrows(ComposeException.class, () -> ReadinessProbes.of(loaded.project()));
    assertEquals(1, e.problems().size());
    assertEquals("services.web.x-berth-ready", e.problems().get(0).path());
    assertEquals("needs exactly one of port, http, log, command (found 2)", e.problems().get(0).message());
  }

  @Test
  void probeSettingsAreParsed() {
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          web:
            image: busybox:latest
            x-berth-ready:
              http: {port: 8080, path: healthz, status: 200}
              interval: 500ms
              timeout: 1s
        """);
    assertEquals(Map.of("web", new ReadinessProbe(new ReadinessProbe.Http("127.0.0.1", 8080, "/healthz", 200),
        Duration.ofMillis(500), Duration.ofSeconds(1))), ReadinessProbes.of(loaded.project()));
  }
}
