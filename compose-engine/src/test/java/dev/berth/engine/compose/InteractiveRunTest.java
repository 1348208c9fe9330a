package dev.berth.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.runtime.AttachSpec;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.TerminalSize;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeShell;
import dev.berth.runtime.tck.ForwardingContainerRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run -i/-t}: the one-off is attached to before it starts and a {@link SessionDriver} runs the session. */
class InteractiveRunTest {
  private static final String YAML = """
      name: demo
      services:
        tool:
          image: busybox:latest
      """;

  @TempDir
  Path dir;

  private FakeRuntime fake;

  @BeforeEach
  void setUp() {
    fake = new FakeRuntime(Clock.systemUTC());
    fake.addImage(ImageRef.of("busybox:latest"), new FakeShell());
  }

  private ComposeEngine engine(dev.berth.runtime.ContainerRuntime runtime) {
    return new ComposeEngine(runtime, Clock.systemUTC(),
        ExecutorOptions.defaults().withPollInterval(Duration.ofMillis(5)), "test");
  }

  private static RunRequest interactive(String command, boolean remove) {
    RunRequest r = RunRequest.of("tool", List.of(command));
    return new RunRequest(r.service(), r.command(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), true, false, remove, OneOffSettings.DEFAULTS.withTerminal(false, true), OneOffImage.DEFAULTS);
  }

  /** Types {@code input}, ends it, and keeps what came back. */
  private static final class Typist implements SessionDriver {
    private final String input;
    private String output;
    private boolean hadStdin;

    Typist(String input) {
      this.input = input;
    }

    @Override
    public End drive(ProcessSession session) {
      hadStdin = session.stdin().isPresent();
      try {
        if (hadStdin) {
          session.stdin().get().write(input.getBytes(StandardCharsets.UTF_8));
          session.stdin().get().close();
        }
        output = new String(session.stdout().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return End.EXITED;
    }
  }

  @Test
  void stdinReachesTheOneOffAndItsExitCodeAndRemovalFollow() throws Exception {
    LoadedProject loaded = Projects.load(dir, YAML);
    Typist typist = new Typist("line one\nline two\n");
    RunResult result = engine(fake).run(loaded, interactive("cat", true), e -> { },
        new RunAttachment(true, true, Optional.empty(), typist));
    assertEquals(0, result.exitCode());
    assertEquals("line one\nline two\n", typist.output);
    assertTrue(fake.calls().stream().anyMatch(c -> c.startsWith("attach ")));
    assertEquals(List.of(), fake.list(LabelSelector.all()), "--rm removed the one-off");
  }

  @Test
  void theOneOffClosesItsStdinWithTheClient() throws Exception {
    LoadedProject loaded = Projects.load(dir, YAML);
    RunResult result = engine(fake).run(loaded, interactive("cat", false), e -> { },
        new RunAttachment(true, true, Optional.empty(), new Typist("x\n")));
    assertTrue(fake.spec(result.container()).stdinOpen() && fake.spec(result.container()).stdinOnce(),
        "an attached -i one-off is created with stdin open, closed once the client's input ends");
  }

  @Test
  void aOneOffOnATerminalStartsWithTheUsersTerminalSize() throws Exception {
    LoadedProject loaded = Projects.load(dir, YAML);
    RunRequest r = RunRequest.of("tool", List.of("sh", "-c", "stty size"));
    RunRequest onTerminal = new RunRequest(r.service(), r.command(), Map.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), true, false, false, OneOffSettings.DEFAULTS.withTerminal(true, false),
        OneOffImage.DEFAULTS);
    Typist typist = new Typist("");
    RunResult result = engine(fake).run(loaded, onTerminal, e -> { },
        new RunAttachment(false, false, Optional.empty(), typist, Optional.of(new TerminalSize(132, 43))));
    assertEquals(0, result.exitCode());
    assertEquals("43 132\r\n", typist.output, "the program saw the size at once, before any resize");
    assertEquals(Optional.of(new TerminalSize(132, 43)), fake.spec(result.container()).consoleSize());

    RunResult withoutTerminal = engine(fake).run(loaded, interactive("true", false), e -> { },
        new RunAttachment(true, true, Optional.empty(), new Typist(""), Optional.of(new TerminalSize(132, 43))));
    assertEquals(Optional.empty(), fake.spec(withoutTerminal.container()).consoleSize(),
        "only a terminal has a size");
  }

  @Test
  void aRuntimeThatCannotSizeATerminalAtCreateGetsTheOneOffWithoutASize() throws Exception {
    ForwardingContainerRuntime noConsoleSize = new ForwardingContainerRuntime(fake) {
      @Override
      public ContainerId create(dev.berth.runtime.ContainerSpec spec) {
        if (spec.consoleSize().isPresent()) {
          throw new UnsupportedOperationRuntimeException("create container", spec.name(), "consoleSize: not here");
        }
        return super.create(spec);
      }
    };
    LoadedProject loaded = Projects.load(dir, YAML);
    RunRequest r = RunRequest.of("tool", List.of("true"));
    RunRequest onTerminal = new RunRequest(r.service(), r.command(), Map.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), true, false, false, OneOffSettings.DEFAULTS.withTerminal(true, false),
        OneOffImage.DEFAULTS);
    RunResult result = engine(noConsoleSize).run(loaded, onTerminal, e -> { },
        new RunAttachment(false, false, Optional.empty(), new Typist(""), Optional.of(new TerminalSize(80, 24))));
    assertEquals(0, result.exitCode());
    assertTrue(fake.spec(result.container()).tty());
    assertEquals(Optional.empty(), fake.spec(result.container()).consoleSize());
  }

  @Test
  void detachingLeavesTheOneOffRunningAndInPlaceDespiteRemove() throws Exception {
    LoadedProject loaded = Projects.load(dir, YAML);
    RunResult result = engine(fake).run(loaded, interactive("sh", true), e -> { },
        new RunAttachment(true, true, Optional.empty(), session -> SessionDriver.End.DETACHED));
    ContainerSummary left = fake.list(LabelSelector.all()).get(0);
    assertEquals(result.container(), left.name());
    assertEquals(ContainerStatus.RUNNING, left.state().status());
  }

  @Test
  void aRuntimeThatCannotForwardStdinRunsWithoutItUnlessStdinWasAskedFor() throws Exception {
    ForwardingContainerRuntime noStdin = new ForwardingContainerRuntime(fake) {
      @Override
      public ProcessSession attach(ContainerId id, AttachSpec spec) {
        if (spec.stdin()) {
          throw new UnsupportedOperationRuntimeException("attach to", id.value(), "stdin: not forwarded here");
        }
        return super.attach(id, spec);
      }
    };
    LoadedProject loaded = Projects.load(dir, YAML);
    Typist typist = new Typist("ignored\n");
    RunResult ran = engine(noStdin).run(loaded, interactive("true", true), e -> { },
        new RunAttachment(true, false, Optional.empty(), typist));
    assertEquals(0, ran.exitCode());
    assertFalse(typist.hadStdin, "the run went on without stdin");

    UnsupportedOperationRuntimeException refused = assertThrows(UnsupportedOperationRuntimeException.class,
        () -> engine(noStdin).run(loaded, interactive("true", true), e -> { },
            new RunAttachment(true, true, Optional.empty(), new Typist(""))));
    assertTrue(refused.getMessage().contains("stdin: not forwarded here"), refused.getMessage());
    assertEquals(List.of(), fake.list(LabelSelector.all()), "the one-off that could not be attached was removed");
  }
}
