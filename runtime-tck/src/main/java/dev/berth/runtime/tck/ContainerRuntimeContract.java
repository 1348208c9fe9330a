package dev.berth.runtime.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ConflictException;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.InjectedFile;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.Mount;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.RuntimeSnapshot;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumesFrom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.berth.runtime.ContainerArchive;
import dev.berth.runtime.EventQuery;
import dev.berth.runtime.EventSubscription;
import dev.berth.runtime.PathStat;
import dev.berth.runtime.ProcessList;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.RuntimeEvent;

/**
 * The behaviour every {@link ContainerRuntime} must show. Extend it in a test class, supply the runtime and a
 * busybox-like image whose {@code sh -c} understands {@code echo}, {@code echo ... >&2}, {@code printenv},
 * {@code exit N}, {@code sleep}, {@code cat} and {@code stat -c}. Every resource the contract creates carries the label
 * {@value #RUN_LABEL}{@code =<run id>} and a {@code berth-tck-<run id>-} name prefix, and is removed after each test,
 * so a real runtime is left as it was.
 */
public abstract class ContainerRuntimeContract {
  /** Label put on every resource this contract creates. */
  public static final String RUN_LABEL = "dev.berth.tck.run";

  private final List<String> createdNetworks = new ArrayList<>();
  private final List<String> createdVolumes = new ArrayList<>();
  private String runId;

  /** The runtime under test; the same instance for the whole test method. */
  protected abstract ContainerRuntime runtime();

  /** An image (present locally) that runs a small POSIX shell program, e.g. busybox. */
  protected abstract ImageRef testImage();

  /** Stop timeout used by the contract; real runtimes whose PID 1 ignores SIGTERM wait this long. */
  protected Duration stopTimeout() {
    return Duration.ofSeconds(1);
  }

  @BeforeEach
  void newRun() {
    runId = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void removeEverythingThisRunCreated() {
    LabelSelector mine = LabelSelector.of(RUN_LABEL, runId);
    for (ContainerSummary c : runtime().list(mine)) {
      runtime().remove(c.id(), true, true);
    }
    for (String n : createdNetworks) {
      ignoreNotFound(() -> runtime().removeNetwork(n));
    }
    for (String v : createdVolumes) {
      ignoreNotFound(() -> runtime().removeVolume(v, true));
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  protected final String name(String suffix) {
    return "berth-tck-" + runId + "-" + suffix;
  }

  protected final ContainerSpec.Builder shell(String suffix, String script) {
    return ContainerSpec.builder(name(suffix), testImage())
        .command(List.of("sh", "-c", script))
        .labels(Map.of(RUN_LABEL, runId, "dev.berth.tck.role", suffix));
  }

  protected final ContainerId longRunning(String suffix) {
    return runtime().create(shell(suffix, "echo started; sleep 3600").build());
  }

  protected final String createNetwork(String suffix) {
    String n = name(suffix);
    runtime().createNetwork(NetworkSpec.bridge(n, Map.of(RUN_LABEL, runId)));
    createdNetworks.add(n);
    return n;
  }

  protected final String createVolume(String suffix) {
    String v = name(suffix);
    runtime().createVolume(VolumeSpec.local(v, Map.of(RUN_LABEL, runId)));
    createdVolumes.add(v);
    return v;
  }

  private static void ignoreNotFound(Runnable r) {
    try {
      r.run();
    } catch (NotFoundException e) {
      // already gone
    }
  }

  private ContainerStatus status(ContainerId id) {
    return runtime().inspect(id).state().status();
  }

  private List<String> lines(ContainerId id, LogOptions options, LogEntry.Stream stream) {
    List<String> out = new ArrayList<>();
    try (LogStream logs = runtime().logs(id, options)) {
      logs.forEachRemaining(e -> {
        if (e.stream() == stream) {
          out.add(e.line());
        }
      });
    }
    return out;
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------------

  @Test
  void lifecycleCreateStartStopStartRemove() {
    ContainerId id = longRunning("life");
    assertEquals(ContainerStatus.CREATED, status(id));
    runtime().start(id);
    assertEquals(ContainerStatus.RUNNING, status(id));
    runtime().stop(id, stopTimeout());
    assertEquals(ContainerStatus.EXITED, status(id));
    runtime().start(id);
    assertEquals(ContainerStatus.RUNNING, status(id));
    runtime().stop(id, stopTimeout());
    runtime().remove(id, false, true);
    assertThrows(NotFoundException.class, () -> runtime().inspect(id));
  }

  @Test
  void inspectReportsNameImageAndLabels() {
    ContainerId id = longRunning("inspect");
    ContainerSummary s = runtime().inspect(id);
    assertEquals(name("inspect"), s.name());
    assertEquals(runId, s.label(RUN_LABEL));
    assertFalse(s.imageId().isBlank());
    assertEquals(s.id(), runtime().inspect(ContainerId.of(name("inspect"))).id(), "names work as ids");
  }

  @Test
  void stoppingAStoppedContainerAndStartingARunningOneDoNothing() {
    ContainerId id = longRunning("idem");
    runtime().stop(id, stopTimeout());
    assertEquals(ContainerStatus.CREATED, status(id));
    runtime().start(id);
    runtime().start(id);
    assertEquals(ContainerStatus.RUNNING, status(id));
  }

  @Test
  void removingARunningContainerWithoutForceIsAConflict() {
    ContainerId id = longRunning("busy");
    runtime().start(id);
    assertThrows(ConflictException.class, () -> runtime().remove(id, false, false));
    assertEquals(ContainerStatus.RUNNING, status(id));
    runtime().remove(id, true, true);
    assertThrows(NotFoundException.class, () -> runtime().inspect(id));
  }

  @Test
  void operationsOnAMissingContainerAreNotFound() {
    ContainerId missing = ContainerId.of(name("missing"));
    assertThrows(NotFoundException.class, () -> runtime().start(missing));
    assertThrows(NotFoundException.class, () -> runtime().stop(missing, stopTimeout()));
    assertThrows(NotFoundException.class, () -> runtime().remove(missing, true, false));
    assertThrows(NotFoundException.class, () -> runtime().inspect(missing));
  }

  @Test
  void duplicateContainerNamesAreAConflict() {
    longRunning("dup");
    assertThrows(ConflictException.class, () -> longRunning("dup"));
  }

  @Test
  void renameMovesTheNameAndRefusesTakenNames() {
    ContainerId a = longRunning("a");
    longRunning("b");
    assertThrows(ConflictException.class, () -> runtime().rename(a, name("b")));
    runtime().rename(a, name("c"));
    assertEquals(name("c"), runtime().inspect(a).name());
    assertThrows(NotFoundException.class, () -> runtime().inspect(ContainerId.of(name("a"))));
  }

  @Test
  void pauseAndUnpause() {
    ContainerId id = longRunning("pause");
    assertThrows(InvalidStateException.class, () -> runtime().pause(id));
    runtime().start(id);
    runtime().pause(id);
    assertEquals(ContainerStatus.PAUSED, status(id));
    runtime().unpause(id);
    assertEquals(ContainerStatus.RUNNING, status(id));
  }

  @Test
  void killStopsARunningContainerAndRefusesAStoppedOne() {
    ContainerId id = longRunning("kill");
    assertThrows(InvalidStateException.class, () -> runtime().kill(id, "SIGKILL"));
    runtime().start(id);
    runtime().kill(id, "SIGKILL");
    assertEquals(ContainerStatus.EXITED, status(id));
    assertEquals(137, runtime().inspect(id).state().exitCode());
  }

  @Test
  void restartLeavesItRunning() {
    ContainerId id = longRunning("restart");
    runtime().start(id);
    runtime().restart(id, stopTimeout());
    assertEquals(ContainerStatus.RUNNING, status(id));
  }

  // ---- exit codes, logs, exec ---------------------------------------------------------------------------------

  @Test
  void waitReturnsTheExitCode() throws InterruptedException {
    ContainerId id = runtime().create(shell("exit", "echo out; echo err >&2; exit 3").build());
    runtime().start(id);
    assertEquals(3, runtime().waitForExit(id));
    ContainerSummary s = runtime().inspect(id);
    assertEquals(ContainerStatus.EXITED, s.state().status());
    assertEquals(3, s.state().exitCode());
    assertTrue(s.state().finishedAt().isPresent());
  }

  @Test
  void logsSeparateStdoutAndStderrAndHonourTail() throws InterruptedException {
    // dockerd reads stdout and stderr concurrently, so their relative order is only certain with a pause between
    ContainerId id = runtime().create(shell("logs", "echo one; echo two; echo three; sleep 0.2; echo oops >&2")
        .build());
    runtime().start(id);
    runtime().waitForExit(id);
    assertEquals(List.of("one", "two", "three"), lines(id, LogOptions.ALL, LogEntry.Stream.STDOUT));
    assertEquals(List.of("oops"), lines(id, LogOptions.ALL, LogEntry.Stream.STDERR));
    assertEquals(List.of("three"), lines(id, LogOptions.ALL.withTail(2), LogEntry.Stream.STDOUT));
  }

  @Test
  void followingLogsEndsWhenTheContainerStopsOrTheStreamCloses() {
    ContainerId id = longRunning("follow");
    runtime().start(id);
    try (LogStream logs = runtime().logs(id, LogOptions.ALL.withFollow(true))) {
      assertTrue(logs.hasNext());
      assertEquals("started", logs.next().line());
      runtime().stop(id, stopTimeout());
      assertFalse(logs.hasNext());
    }
  }

  @Test
  void execReturnsExitCodeAndOutputAndSeesTheEnvironment() {
    ContainerId id = runtime().create(shell("exec", "sleep 3600").env(Map.of("GREETING", "hello")).build());
    runtime().start(id);
    ExecResult r = runtime().exec(id, ExecSpec.of("sh", "-c", "echo hi; echo bad >&2; exit 4"));
    assertEquals(4, r.exitCode());
    assertEquals("hi\n", r.stdout());
    assertEquals("bad\n", r.stderr());
    assertEquals("hello\n", runtime().exec(id, ExecSpec.of("printenv", "GREETING")).stdout());
  }

  @Test
  void execInAStoppedContainerIsInvalidState() {
    ContainerId id = longRunning("exec-stopped");
    assertThrows(InvalidStateException.class, () -> runtime().exec(id, ExecSpec.of("true")));
  }

  // ---- interactive sessions -----------------------------------------------------------------------------------
  // Each capability is tried first; a runtime that refuses it with UnsupportedOperationRuntimeException has the test
  // aborted with its reason, so the report lists which runtime lacks what.

  private static final Duration SESSION_WAIT = Duration.ofSeconds(30);

  /** Calls {@code action}; aborts the test naming the runtime and {@code capability} when the runtime lacks it. */
  protected final <T> T supported(String capability, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (dev.berth.runtime.UnsupportedOperationRuntimeException e) {
      org.junit.jupiter.api.Assumptions.abort(runtime().getClass().getSimpleName() + " lacks " + capability + ": "
          + e.getMessage());
      throw e;
    }
  }

  private static void type(ProcessSession session, String text) throws java.io.IOException {
    java.io.OutputStream in = session.stdin().orElseThrow(() -> new AssertionError("the session has no stdin"));
    in.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    in.flush();
  }

  @Test
  void anExecReadsItsStdinUntilEndOfFile() throws Exception {
    ContainerId id = longRunning("exec-stdin");
    runtime().start(id);
    try (ProcessSession session = supported("exec with stdin",
        () -> runtime().startExec(id, ExecSpec.of("cat").withStdin(true)))) {
      assertFalse(session.tty());
      SessionOutput out = SessionOutput.read(session.stdout(), "stdout");
      SessionOutput err = SessionOutput.read(session.stderr(), "stderr");
      type(session, "hello\n");
      out.await(t -> t.equals("hello\n"), SESSION_WAIT, "the first line echoed by cat");
      type(session, "world\n");
      session.stdin().get().close();
      assertEquals("hello\nworld\n", out.awaitEnd(SESSION_WAIT));
      assertEquals("", err.awaitEnd(SESSION_WAIT));
      assertEquals(0, session.awaitExit());
    }
  }

  @Test
  void anExecSessionSeparatesItsStreamsAndEndsWithTheExitCode() throws Exception {
    ContainerId id = longRunning("exec-streams");
    runtime().start(id);
    try (ProcessSession session = supported("exec sessions",
        () -> runtime().startExec(id, ExecSpec.of("sh", "-c", "echo out; echo err >&2; exit 3")))) {
      assertTrue(session.stdin().isEmpty(), "no stdin was asked for");
      SessionOutput out = SessionOutput.read(session.stdout(), "stdout");
      SessionOutput err = SessionOutput.read(session.stderr(), "stderr");
      assertEquals("out\n", out.awaitEnd(SESSION_WAIT));
      assertEquals("err\n", err.awaitEnd(SESSION_WAIT));
      assertEquals(3, session.awaitExit());
    }
  }

  @Test
  void anExecWithATerminalRunsOnAPseudoTerminal() throws Exception {
    ContainerId id = longRunning("exec-tty");
    runtime().start(id);
    try (ProcessSession session = supported("exec with a terminal",
        () -> runtime().startExec(id, ExecSpec.of("tty").withTty(true)))) {
      assertTrue(session.tty());
      SessionOutput out = SessionOutput.read(session.stdout(), "terminal");
      String shown = out.awaitEnd(SESSION_WAIT);
      assertTrue(shown.matches("/dev/pts/\\d+\r\n"), "tty should name a pseudo-terminal, printed: " + shown);
      assertEquals(0, session.awaitExit());
    }
  }

  @Test
  void resizingAnExecTerminalReachesTheShell() throws Exception {
    ContainerId id = longRunning("exec-resize");
    runtime().start(id);
    try (ProcessSession session = supported("exec with a terminal and stdin",
        () -> runtime().startExec(id, ExecSpec.of("sh").withTty(true).withStdin(true)))) {
      SessionOutput out = SessionOutput.read(session.stdout(), "terminal");
      session.resize(new dev.berth.runtime.TerminalSize(100, 30));
      type(session, "stty size\r");
      out.await(t -> t.contains("30 100"), SESSION_WAIT, "the size set by resize (rows columns)");
      type(session, "exit 5\r");
      out.awaitEnd(SESSION_WAIT);
      assertEquals(5, session.awaitExit());
    }
  }

  /** Expects {@code action} to be refused as {@link InvalidStateException}; aborts when the runtime lacks it. */
  private void assertInvalidState(String capability, java.util.function.Supplier<ProcessSession> action) {
    try {
      supported(capability, action).close();
    } catch (InvalidStateException expected) {
      return;
    }
    throw new AssertionError("expected " + capability + " to be refused with InvalidStateException");
  }

  @Test
  void startingAnExecInAStoppedContainerIsInvalidState() {
    ContainerId id = longRunning("exec-session-stopped");
    assertInvalidState("exec with stdin", () -> runtime().startExec(id, ExecSpec.of("cat").withStdin(true)));
  }

  @Test
  void attachingBeforeStartDeliversAllOutputAndTheExitCode() throws Exception {
    ContainerId id = runtime().create(shell("attach-output", "echo out; echo err >&2; exit 2").build());
    try (ProcessSession session = supported("attach", () -> runtime().attach(id, dev.berth.runtime.AttachSpec.OUTPUT))) {
      SessionOutput out = SessionOutput.read(session.stdout(), "stdout");
      SessionOutput err = SessionOutput.read(session.stderr(), "stderr");
      runtime().start(id);
      assertEquals("out\n", out.awaitEnd(SESSION_WAIT));
      assertEquals("err\n", err.awaitEnd(SESSION_WAIT));
      assertEquals(2, session.awaitExit());
    }
    assertEquals(2, runtime().inspect(id).state().exitCode());
  }

  @Test
  void endOfFileOnAnAttachedStdinClosesTheContainersStdinWhenCreatedWithStdinOnce() throws Exception {
    ContainerId id = runtime().create(ContainerSpec.builder(name("attach-cat"), testImage())
        .command(List.of("cat")).stdinOpen(true).stdinOnce(true)
        .labels(Map.of(RUN_LABEL, runId)).build());
    try (ProcessSession session = supported("attach with stdin",
        () -> runtime().attach(id, dev.berth.runtime.AttachSpec.WITH_STDIN))) {
      SessionOutput out = SessionOutput.read(session.stdout(), "stdout");
      runtime().start(id);
      type(session, "piped line\n");
      session.stdin().get().close();
      assertEquals("piped line\n", out.awaitEnd(SESSION_WAIT));
      assertEquals(0, session.awaitExit());
    }
  }

  @Test
  void attachedToAShellOnATerminalTypedCommandsRunAndExitEndsIt() throws Exception {
    ContainerId id = runtime().create(ContainerSpec.builder(name("attach-tty"), testImage())
        .command(List.of("sh")).tty(true).stdinOpen(true).env(Map.of("GREETING", "attached-and-typed"))
        .labels(Map.of(RUN_LABEL, runId)).build());
    try (ProcessSession session = supported("attach with stdin to a terminal",
        () -> runtime().attach(id, dev.berth.runtime.AttachSpec.WITH_STDIN))) {
      assertTrue(session.tty());
      SessionOutput out = SessionOutput.read(session.stdout(), "terminal");
      runtime().start(id);
      session.resize(new dev.berth.runtime.TerminalSize(120, 40));
      type(session, "printenv GREETING\r");
      out.await(t -> t.contains("attached-and-typed"), SESSION_WAIT, "the output of the typed command");
      type(session, "stty size\r");
      out.await(t -> t.contains("40 120"), SESSION_WAIT, "the size set by resize (rows columns)");
      type(session, "exit 4\r");
      out.awaitEnd(SESSION_WAIT);
      assertEquals(4, session.awaitExit());
    }
    assertEquals(ContainerStatus.EXITED, status(id));
  }

  @Test
  void aTerminalStartsWithTheConsoleSizeTheContainerWasCreatedWith() throws InterruptedException {
    ContainerId id = supported("a console size at create", () -> runtime().create(shell("console-size",
        "stty size").tty(true).consoleSize(new dev.berth.runtime.TerminalSize(132, 43)).build()));
    runtime().start(id);
    assertEquals(0, runtime().waitForExit(id), () -> "stty size failed: " + lines(id, LogOptions.ALL,
        LogEntry.Stream.STDOUT));
    assertEquals(List.of("43 132"), lines(id, LogOptions.ALL, LogEntry.Stream.STDOUT).stream().map(String::strip)
        .filter(line -> !line.isEmpty()).toList(), "stty size prints rows and columns");
  }

  @Test
  void closingAnAttachedSessionDetachesAndLeavesTheContainerRunning() throws Exception {
    ContainerId id = runtime().create(ContainerSpec.builder(name("attach-detach"), testImage())
        .command(List.of("sh")).tty(true).stdinOpen(true).env(Map.of("MARKER", "still-here"))
        .labels(Map.of(RUN_LABEL, runId)).build());
    ProcessSession session = supported("attach with stdin to a terminal",
        () -> runtime().attach(id, dev.berth.runtime.AttachSpec.WITH_STDIN));
    SessionOutput out = SessionOutput.read(session.stdout(), "terminal");
    runtime().start(id);
    type(session, "printenv MARKER\r");
    out.await(t -> t.contains("still-here"), SESSION_WAIT, "the output of the typed command");
    session.close();
    out.awaitEnd(SESSION_WAIT);
    assertEquals(ContainerStatus.RUNNING, status(id));
  }

  @Test
  void attachingStdinToAContainerWithoutOpenStdinIsInvalidState() {
    ContainerId id = longRunning("attach-closed-stdin");
    assertInvalidState("attach with stdin", () -> runtime().attach(id, dev.berth.runtime.AttachSpec.WITH_STDIN));
  }

  // ---- snapshot -----------------------------------------------------------------------------------------------

  @Test
  void snapshotReturnsOnlyMatchingResources() {
    String net = createNetwork("snapnet");
    String vol = createVolume("snapvol");
    runtime().create(shell("snap-a", "sleep 3600").labels(Map.of(RUN_LABEL, runId, "tck.project", "p1")).build());
    runtime().create(shell("snap-b", "sleep 3600").labels(Map.of(RUN_LABEL, runId, "tck.project", "p2")).build());
    RuntimeSnapshot mine = runtime().snapshot(LabelSelector.of(RUN_LABEL, runId));
    assertEquals(List.of(name("snap-a"), name("snap-b")), mine.containers().stream().map(ContainerSummary::name)
        .toList());
    assertEquals(List.of(net), mine.networks().stream().map(n -> n.name()).toList());
    assertEquals(List.of(vol), mine.volumes().stream().map(v -> v.name()).toList());
    RuntimeSnapshot p1 = runtime().snapshot(LabelSelector.of(RUN_LABEL, runId).and("tck.project", "p1"));
    assertEquals(List.of(name("snap-a")), p1.containers().stream().map(ContainerSummary::name).toList());
    assertTrue(p1.networks().isEmpty());
  }

  // ---- networks and volumes -----------------------------------------------------------------------------------

  @Test
  void networksAreUniqueAndCannotBeRemovedWhileInUse() {
    String net = createNetwork("net");
    assertThrows(ConflictException.class,
        () -> runtime().createNetwork(NetworkSpec.bridge(net, Map.of(RUN_LABEL, runId))));
    ContainerId id = runtime().create(shell("netuser", "sleep 3600").networks(List.of(NetworkAttachment.of(net,
        "alias1"))).build());
    runtime().start(id);
    assertTrue(runtime().inspect(id).networks().contains(net));
    assertTrue(runtime().inspectNetwork(net).containers().contains(name("netuser")));
    assertThrows(ConflictException.class, () -> runtime().removeNetwork(net));
    runtime().remove(id, true, true);
    runtime().removeNetwork(net);
    assertThrows(NotFoundException.class, () -> runtime().inspectNetwork(net));
  }

  @Test
  void containersRequireExistingNetworks() {
    assertThrows(NotFoundException.class, () -> runtime().create(shell("nonet", "true")
        .networks(List.of(NetworkAttachment.of(name("no-such-net")))).build()));
    assertThrows(NotFoundException.class, () -> runtime().inspect(ContainerId.of(name("nonet"))));
  }

  @Test
  void aRunningContainerReportsItsPublishedPortsWithTheHostPortChosen() {
    String net = createNetwork("ports");
    ContainerId id = runtime().create(shell("ported", "sleep 3600")
        .networks(List.of(NetworkAttachment.of(net)))
        .ports(List.of(new PortBinding("127.0.0.1", 0, 8080, "tcp"))).build());
    assertEquals(List.of(), runtime().inspect(id).ports(), "a created container publishes nothing yet");
    runtime().start(id);
    List<PortBinding> ports = runtime().inspect(id).ports();
    assertEquals(1, ports.size(), ports.toString());
    assertEquals("127.0.0.1", ports.get(0).hostIp());
    assertEquals(8080, ports.get(0).containerPort());
    assertEquals("tcp", ports.get(0).protocol());
    assertTrue(ports.get(0).hostPort() > 0, "the ephemeral host port the runtime picked: " + ports);
    assertEquals(ports, runtime().list(LabelSelector.of(RUN_LABEL, runId)).get(0).ports());
    runtime().stop(id, stopTimeout());
    assertEquals(List.of(), runtime().inspect(id).ports(), "a stopped container publishes nothing");
  }

  @Test
  void aHostPortRangePublishesAnotherFreePortOfItForEachContainer() {
    String net = createNetwork("range");
    int first = freeLoopbackPorts(3);
    List<ContainerId> ids = new ArrayList<>();
    for (String suffix : List.of("range-a", "range-b")) {
      ContainerId id = runtime().create(shell(suffix, "sleep 3600").networks(List.of(NetworkAttachment.of(net)))
          .ports(List.of(PortBinding.range("127.0.0.1", first, first + 2, 8080, "tcp"))).build());
      runtime().start(id);
      ids.add(id);
    }
    List<Integer> chosen = new ArrayList<>();
    for (ContainerId id : ids) {
      List<PortBinding> ports = runtime().inspect(id).ports();
      assertEquals(1, ports.size(), ports.toString());
      PortBinding p = ports.get(0);
      assertFalse(p.isRange(), "the port in use is reported, not the range: " + p);
      assertTrue(p.hostPort() >= first && p.hostPort() <= first + 2, "a port of " + first + "-" + (first + 2)
          + ": " + p);
      chosen.add(p.hostPort());
    }
    assertEquals(2, chosen.stream().distinct().count(), "each container got its own port: " + chosen);
  }

  /** The first of {@code count} consecutive TCP ports that nothing on this host listens on at 127.0.0.1 now. */
  protected static int freeLoopbackPorts(int count) {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int first = 20_000 + random.nextInt(20_000);
      boolean free = true;
      for (int port = first; port < first + count && free; port++) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1,
            java.net.InetAddress.getByName("127.0.0.1"))) {
          probe.setReuseAddress(true);
        } catch (java.io.IOException e) {
          free = false;
        }
      }
      if (free) {
        return first;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1 in 20000-40000");
  }

  @Test
  void connectAndDisconnect() {
    String net = createNetwork("late");
    ContainerId id = longRunning("connect");
    runtime().connect(id, NetworkAttachment.of(net));
    assertTrue(runtime().inspect(id).networks().contains(net));
    assertThrows(ConflictException.class, () -> runtime().connect(id, NetworkAttachment.of(net)));
    runtime().disconnect(id, net, false);
    assertFalse(runtime().inspect(id).networks().contains(net));
    assertThrows(NotFoundException.class, () -> runtime().connect(id, NetworkAttachment.of(name("nope"))));
  }

  @Test
  void volumesAreUniqueAndCannotBeRemovedWhileInUse() {
    String vol = createVolume("vol");
    assertThrows(ConflictException.class,
        () -> runtime().createVolume(VolumeSpec.local(vol, Map.of(RUN_LABEL, runId))));
    ContainerId id = runtime().create(shell("voluser", "true").mounts(List.of(Mount.Volume.named(vol, "/data")))
        .build());
    assertThrows(ConflictException.class, () -> runtime().removeVolume(vol, false));
    runtime().remove(id, false, false);
    runtime().removeVolume(vol, false);
    assertThrows(NotFoundException.class, () -> runtime().inspectVolume(vol));
  }

  @Test
  void containersRequireExistingNamedVolumes() {
    assertThrows(NotFoundException.class, () -> runtime().create(shell("novol", "true")
        .mounts(List.of(Mount.Volume.named(name("no-such-volume"), "/data"))).build()));
  }

  @Test
  void anonymousVolumesAreReportedAsMountsAndRemovedWithTheContainer() {
    ContainerId id = runtime().create(shell("anon", "true").mounts(List.of(Mount.Volume.anonymous("/cache")))
        .build());
    ContainerSummary s = runtime().inspect(id);
    assertEquals(1, s.mounts().size());
    String volume = s.mounts().get(0).source();
    assertEquals("/cache", s.mounts().get(0).target());
    assertTrue(runtime().inspectVolume(volume).anonymous());
    runtime().remove(id, false, true);
    assertThrows(NotFoundException.class, () -> runtime().inspectVolume(volume));
  }

  @Test
  void volumesFromGivesTheSourceContainersVolumesReadOnlyWhenAsked() {
    String vol = createVolume("shared");
    runtime().create(shell("vf-source", "true").mounts(List.of(Mount.Volume.named(vol, "/data"),
        Mount.Volume.anonymous("/cache"))).build());
    ContainerId readOnly = runtime().create(shell("vf-ro", "true")
        .volumesFrom(List.of(new VolumesFrom(name("vf-source"), true))).build());
    ContainerId asSource = runtime().create(shell("vf-rw", "true")
        .volumesFrom(List.of(new VolumesFrom(name("vf-source"), false))).build());

    MountPoint data = mountAt(readOnly, "/data");
    assertEquals(MountPoint.Type.VOLUME, data.type());
    assertEquals(vol, data.source());
    assertTrue(data.readOnly(), "volumes_from :ro makes the volume read-only");
    assertTrue(mountAt(readOnly, "/cache").readOnly());
    assertEquals(mountAt(readOnly, "/cache").source(), mountAt(asSource, "/cache").source(),
        "the source's anonymous volume itself is shared, not a new one");
    assertFalse(mountAt(asSource, "/data").readOnly());
    assertThrows(NotFoundException.class, () -> runtime().create(shell("vf-none", "true")
        .volumesFrom(List.of(new VolumesFrom(name("no-such-container"), false))).build()));
  }

  // ---- IPC ----------------------------------------------------------------------------------------------------

  @Test
  void aContainerJoiningTheIpcOfAShareableOneSharesItsDevShm() {
    ContainerId donor = runtime().create(shell("ipc-donor", "sleep 3600").ipcMode("shareable").build());
    runtime().start(donor);
    ContainerId joiner = runtime().create(shell("ipc-joiner", "sleep 3600")
        .ipcMode("container:" + name("ipc-donor")).build());
    runtime().start(joiner);
    ContainerId apart = longRunning("ipc-apart");
    runtime().start(apart);

    assertEquals(0, runtime().exec(donor, ExecSpec.of("sh", "-c", "echo shared > /dev/shm/berth-tck")).exitCode());
    assertEquals("shared\n", runtime().exec(joiner, ExecSpec.of("cat", "/dev/shm/berth-tck")).stdout(),
        "the joiner reads what the donor wrote to /dev/shm");
    assertTrue(runtime().exec(apart, ExecSpec.of("cat", "/dev/shm/berth-tck")).exitCode() != 0,
        "a container of its own has a /dev/shm of its own");
  }

  @Test
  void joiningTheIpcOfAPrivateContainerIsRefusedAtStart() {
    ContainerId donor = runtime().create(shell("ipc-private", "sleep 3600").ipcMode("private").build());
    runtime().start(donor);
    ContainerId joiner = runtime().create(shell("ipc-refused", "sleep 3600")
        .ipcMode("container:" + name("ipc-private")).build());
    RuntimeOperationException e = assertThrows(RuntimeOperationException.class, () -> runtime().start(joiner));
    assertTrue(e.getMessage().contains("non-shareable IPC"), e.getMessage());
    assertFalse(runtime().inspect(joiner).state().running());
  }

  private MountPoint mountAt(ContainerId id, String target) {
    return runtime().inspect(id).mounts().stream().filter(m -> m.target().equals(target)).findFirst()
        .orElseThrow(() -> new AssertionError("no mount at " + target + " in " + runtime().inspect(id).mounts()));
  }

  @Test
  void injectedFilesAreReadableWithTheirContentModeAndOwner() throws InterruptedException {
    ContainerId id = runtime().create(shell("inject", "cat /run/secrets/token; stat -c %a:%u:%g /run/secrets/token;"
        + " cat /app.conf; stat -c %a:%u:%g /app.conf")
        .mounts(List.of(new InjectedFile("/run/secrets/token", "s3cret\n", 0, 0, 0400),
            new InjectedFile("/app.conf", "a=1\nb=2\n", 1000, 1001, 0640)))
        .build());
    runtime().start(id);
    assertEquals(0, runtime().waitForExit(id), () -> String.join("\n", lines(id, LogOptions.ALL,
        LogEntry.Stream.STDERR)));
    assertEquals(List.of("s3cret", "400:0:0", "a=1", "b=2", "640:1000:1001"),
        lines(id, LogOptions.ALL, LogEntry.Stream.STDOUT));
    assertTrue(runtime().inspect(id).mounts().isEmpty(), "injected files are not mount points");
  }

  // ---- images -------------------------------------------------------------------------------------------------

  @Test
  void imagesCanBeInspectedAndMissingOnesAreNotFound() {
    assertFalse(runtime().inspectImage(testImage()).id().isBlank());
    assertThrows(NotFoundException.class,
        () -> runtime().inspectImage(ImageRef.of("berth-tck-no-such-image:" + runId)));
    assertThrows(NotFoundException.class, () -> runtime().create(
        ContainerSpec.builder(name("noimage"), ImageRef.of("berth-tck-no-such-image:" + runId)).build()));
  }

  @Test
  void tagAndRemoveTag() {
    ImageRef alias = ImageRef.of("berth-tck-" + runId + ":alias");
    runtime().tagImage(testImage(), alias);
    try {
      assertEquals(runtime().inspectImage(testImage()).id(), runtime().inspectImage(alias).id());
    } finally {
      runtime().removeImage(alias, false);
    }
    assertThrows(NotFoundException.class, () -> runtime().inspectImage(alias));
    assertFalse(runtime().inspectImage(testImage()).id().isBlank(), "removing a tag keeps the image");
  }
  @Test
  void imagesSavedToAnArchiveLoadBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    ImageRef alias = ImageRef.of("berth-tck-saved:" + runId);
    runtime().tagImage(testImage(), alias);
    java.nio.file.Path archive = dir.resolve("images.tar");
    try {
      runtime().saveImages(List.of(alias), archive);
      assertTrue(java.nio.file.Files.isRegularFile(archive), "the archive is written");
      runtime().removeImage(alias, false);
      assertThrows(NotFoundException.class, () -> runtime().inspectImage(alias));
      List<ImageRef> loaded = runtime().loadImages(archive);
      assertEquals(1, loaded.size(), "the archive tags one image: " + loaded);
      assertEquals(runtime().inspectImage(testImage()).id(), runtime().inspectImage(alias).id());
    } finally {
      try {
        runtime().removeImage(alias, false);
      } catch (NotFoundException alreadyGone) {
        // the load failed before tagging
      }
    }
  }

  // ---- builds -------------------------------------------------------------------------------------------------

  /** Builds {@code dockerfile} in {@code context} as {@code tag}, runs {@code script} in it, returns its stdout. */
  private List<String> buildAndRun(java.nio.file.Path context, String dockerfile, ImageRef tag,
      java.util.function.UnaryOperator<dev.berth.runtime.BuildSpec.Builder> options, String script,
      List<dev.berth.runtime.BuildEvent> events) throws Exception {
    java.nio.file.Files.writeString(context.resolve("Dockerfile"), dockerfile);
    ImageRef id = runtime().build(options.apply(dev.berth.runtime.BuildSpec.builder(context, tag)).build(),
        events::add);
    assertEquals(id.value(), runtime().inspectImage(tag).id(), "build returns the id the tag points at");
    ContainerId c = runtime().create(ContainerSpec.builder(name("built"), tag).command(List.of("sh", "-c", script))
        .labels(Map.of(RUN_LABEL, runId)).build());
    try {
      runtime().start(c);
      assertEquals(0, runtime().waitForExit(c), "exit code of " + script);
      return lines(c, LogOptions.ALL, LogEntry.Stream.STDOUT);
    } finally {
      runtime().remove(c, true, true);
    }
  }

  private void removeImageIfPresent(ImageRef image) {
    ignoreNotFound(() -> runtime().removeImage(image, true));
  }

  @Test
  void buildsAScratchImageFromAContextAndRunsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path context)
      throws Exception {
    java.nio.file.Files.writeString(context.resolve("greeting.txt"), "hello from the build context\n");
    java.nio.file.Files.writeString(context.resolve(".dockerignore"), "ignored.txt\n");
    java.nio.file.Files.writeString(context.resolve("ignored.txt"), "must not reach the daemon\n");
    ImageRef tag = ImageRef.of("berth-tck-built-" + runId + ":v1");
    ImageRef alias = ImageRef.of("berth-tck-built-" + runId + ":alias");
    List<dev.berth.runtime.BuildEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      List<String> out = buildAndRun(context, """
          FROM scratch
          COPY --from=%s / /
          COPY greeting.txt /data/greeting.txt
          LABEL dev.berth.tck.built=yes
          """.formatted(testImage()), tag, b -> b.label(RUN_LABEL, runId).tag(alias), "cat /data/greeting.txt",
          events);
      assertEquals(List.of("hello from the build context"), out);
      var image = runtime().inspectImage(tag);
      assertEquals("yes", image.labels().get("dev.berth.tck.built"), "LABEL of the Dockerfile: " + image.labels());
      assertEquals(runId, image.labels().get(RUN_LABEL), "label of the build spec: " + image.labels());
      assertEquals(image.id(), runtime().inspectImage(alias).id(), "every tag of the spec points at the image");
      assertTrue(events.stream().anyMatch(e -> e.kind() == dev.berth.runtime.BuildEvent.Kind.STEP
          || e.kind() == dev.berth.runtime.BuildEvent.Kind.CACHED), "step progress is reported: " + events);
    } finally {
      removeImageIfPresent(alias);
      removeImageIfPresent(tag);
    }
  }

  @Test
  void buildArgsReachTheDockerfile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path context) throws Exception {
    String dockerfile = """
        FROM %s
        ARG WHO=nobody
        ENV GREETING=hello-$WHO
        """.formatted(testImage());
    ImageRef withArg = ImageRef.of("berth-tck-args-" + runId + ":given");
    ImageRef withDefault = ImageRef.of("berth-tck-args-" + runId + ":default");
    List<dev.berth.runtime.BuildEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      assertEquals(List.of("hello-contract"), buildAndRun(context, dockerfile, withArg,
          b -> b.arg("WHO", "contract"), "printenv GREETING", events));
      assertEquals(List.of("hello-nobody"), buildAndRun(context, dockerfile, withDefault, b -> b,
          "printenv GREETING", events));
    } finally {
      removeImageIfPresent(withArg);
      removeImageIfPresent(withDefault);
    }
  }

  @Test
  void aBadDockerfileFailsWithItsLineAndLeavesNoImage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path context)
      throws Exception {
    java.nio.file.Files.writeString(context.resolve("Dockerfile"), """
        FROM %s

        FROBNICATE the image
        """.formatted(testImage()));
    ImageRef tag = ImageRef.of("berth-tck-bad-" + runId + ":v1");
    var failure = assertThrows(dev.berth.runtime.BuildFailedException.class,
        () -> runtime().build(dev.berth.runtime.BuildSpec.builder(context, tag).build(), e -> { }));
    assertEquals(java.util.OptionalInt.of(3), failure.line(), failure.getMessage());
    assertTrue(failure.getMessage().toUpperCase(java.util.Locale.ROOT).contains("FROBNICATE"), failure.getMessage());
    assertThrows(NotFoundException.class, () -> runtime().inspectImage(tag));

    var missing = assertThrows(dev.berth.runtime.BuildFailedException.class, () -> runtime().build(
        dev.berth.runtime.BuildSpec.builder(context, tag).dockerfile("Missing.Dockerfile").build(), e -> { }));
    assertTrue(missing.getMessage().contains("Missing.Dockerfile"), missing.getMessage());
  }

  // ---- processes, events and archives -------------------------------------------------------------------------

  @Test
  void topListsTheMainProcess() {
    ContainerId id = longRunning("top");
    runtime().start(id);
    ProcessList processes = runtime().top(id);
    assertTrue(processes.titles().containsAll(List.of("UID", "PID", "TIME", "CMD")), processes::toString);
    assertTrue(processes.column("CMD").stream().anyMatch(cmd -> cmd.contains("sleep 3600")), processes::toString);
    assertTrue(processes.column("PID").stream().allMatch(pid -> pid.matches("\\d+")), processes::toString);
  }

  @Test
  void topOfAStoppedContainerIsInvalidState() {
    ContainerId id = longRunning("top-stopped");
    assertThrows(InvalidStateException.class, () -> runtime().top(id));
  }

  @Test
  void eventsArriveInOrderWithLabels() throws InterruptedException {
    List<RuntimeEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch destroyed = new java.util.concurrent.CountDownLatch(1);
    String containerId;
    try (EventSubscription subscription = runtime().events(EventQuery.live(LabelSelector.of(RUN_LABEL, runId)),
        e -> {
          seen.add(e);
          if (e.type() == RuntimeEvent.Type.CONTAINER && e.action().equals("destroy")) {
            destroyed.countDown();
          }
        })) {
      ContainerId id = runtime().create(shell("events", "exit 3").build());
      containerId = runtime().inspect(id).id().value();
      runtime().start(id);
      assertEquals(3, runtime().waitForExit(id));
      runtime().remove(id, false, false);
      assertTrue(destroyed.await(20, java.util.concurrent.TimeUnit.SECONDS), () -> "no destroy event in " + seen);
    }
    List<RuntimeEvent> lifecycle = seen.stream().filter(e -> e.type() == RuntimeEvent.Type.CONTAINER)
        .filter(e -> List.of("create", "start", "die", "destroy").contains(e.action())).toList();
    assertEquals(List.of("create", "start", "die", "destroy"),
        lifecycle.stream().map(RuntimeEvent::action).toList(), seen::toString);
    for (RuntimeEvent e : lifecycle) {
      assertEquals(containerId, e.id(), e::toString);
      assertEquals(name("events"), e.name(), e::toString);
      assertEquals("events", e.attributes().get("dev.berth.tck.role"), e::toString);
    }
    assertEquals("3", lifecycle.get(2).attributes().get("exitCode"), lifecycle.get(2)::toString);
  }

  @Test
  void copyRoundTripKeepsContentAndMode() throws java.io.IOException {
    ContainerId id = longRunning("cp");
    runtime().start(id);
    runtime().copyToContainer(id, java.nio.file.Path.of("/"), boxArchive());
    try (ContainerArchive archive = runtime().copyFromContainer(id, java.nio.file.Path.of("/box/greeting.txt"))) {
      assertEquals(new PathStat("greeting.txt", 6, PathStat.Kind.FILE, 0640, archive.stat().modified(), ""),
          archive.stat());
      Map<String, String> entries = entries(archive);
      assertEquals(Map.of("greeting.txt", "0640:hello\n"), entries);
    }
    try (ContainerArchive archive = runtime().copyFromContainer(id, java.nio.file.Path.of("/box"))) {
      assertTrue(archive.stat().isDirectory(), archive.stat()::toString);
      Map<String, String> entries = entries(archive);
      assertEquals("0640:hello\n", entries.get("box/greeting.txt"), entries::toString);
      assertTrue(entries.containsKey("box/"), entries::toString);
    }
  }

  @Test
  void statPathDescribesFilesDirectoriesAndLinksWithoutCopying() {
    ContainerId id = longRunning("cp-stat");
    runtime().start(id);
    runtime().copyToContainer(id, java.nio.file.Path.of("/"), boxArchive());
    PathStat file = runtime().statPath(id, java.nio.file.Path.of("/box/greeting.txt"));
    assertEquals(new PathStat("greeting.txt", 6, PathStat.Kind.FILE, 0640, file.modified(), ""), file);
    PathStat dir = runtime().statPath(id, java.nio.file.Path.of("/box"));
    assertEquals("box", dir.name());
    assertTrue(dir.isDirectory(), dir::toString);
    PathStat link = runtime().statPath(id, java.nio.file.Path.of("/box/up"));
    assertEquals(PathStat.Kind.SYMLINK, link.kind(), link::toString);
    assertEquals("../../../../..", link.linkTarget());
    assertThrows(NotFoundException.class, () -> runtime().statPath(id, java.nio.file.Path.of("/box/missing")));
  }

  @Test
  void copyGivesEntriesTheArchivesOwners() throws java.io.IOException {
    ContainerId id = longRunning("cp-owners");
    runtime().start(id);
    runtime().copyToContainer(id, java.nio.file.Path.of("/"), ownedArchive("owned.txt", 1234, 2345));
    runtime().copyToContainer(id, java.nio.file.Path.of("/"), ownedArchive("rooted.txt", 0, 0));
    assertEquals("1234:2345", owner(id, "/owned.txt"));
    assertEquals("0:0", owner(id, "/rooted.txt"));
  }

  /** One file {@code name} owned by {@code uid:gid}. */
  private static java.io.InputStream ownedArchive(String name, int uid, int gid) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
      byte[] content = "owned\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      var file = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name);
      file.setMode(0100644);
      file.setSize(content.length);
      file.setUserId(uid);
      file.setGroupId(gid);
      tar.putArchiveEntry(file);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new java.io.ByteArrayInputStream(bytes.toByteArray());
  }

  private String owner(ContainerId id, String path) throws java.io.IOException {
    try (ContainerArchive archive = runtime().copyFromContainer(id, java.nio.file.Path.of(path));
        var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(archive.tar())) {
      var entry = tar.getNextEntry();
      return entry.getLongUserId() + ":" + entry.getLongGroupId();
    }
  }

  @Test
  void copyWorksOnAStoppedContainerAndResolvesLinksInsideIt() throws Exception {
    ContainerId id = runtime().create(shell("cp-stopped", "exit 0").build());
    runtime().start(id);
    runtime().waitForExit(id);
    runtime().copyToContainer(id, java.nio.file.Path.of("/"), boxArchive());
    try (ContainerArchive archive = runtime().copyFromContainer(id, java.nio.file.Path.of("/box/greeting.txt"))) {
      assertEquals(Map.of("greeting.txt", "0640:hello\n"), entries(archive));
    }
    // box/up points far above the root: inside the container that is the root itself, never the host's
    try (ContainerArchive archive = runtime().copyFromContainer(id,
        java.nio.file.Path.of("/box/up/box/greeting.txt"))) {
      assertEquals(Map.of("greeting.txt", "0640:hello\n"), entries(archive));
    }
  }

  @Test
  void copyIntoAMissingDirectoryOrFromAMissingPathIsNotFound() {
    ContainerId id = longRunning("cp-missing");
    assertThrows(NotFoundException.class,
        () -> runtime().copyToContainer(id, java.nio.file.Path.of("/no/such/dir"), boxArchive()));
    assertThrows(NotFoundException.class,
        () -> runtime().copyFromContainer(id, java.nio.file.Path.of("/no/such/file")));
    assertThrows(NotFoundException.class,
        () -> runtime().copyFromContainer(ContainerId.of(name("never-created")), java.nio.file.Path.of("/")));
  }

  /** {@code box/}, {@code box/greeting.txt} (0640, "hello\n") and {@code box/up -> ../../../../..}. */
  private static java.io.InputStream boxArchive() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
      var dir = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("box/");
      dir.setMode(040755);
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      byte[] content = "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      var file = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("box/greeting.txt");
      file.setMode(0100640);
      file.setSize(content.length);
      tar.putArchiveEntry(file);
      tar.write(content);
      tar.closeArchiveEntry();
      var link = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("box/up",
          org.apache.commons.compress.archivers.tar.TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("../../../../..");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new java.io.ByteArrayInputStream(bytes.toByteArray());
  }

  /** Entry name to {@code MODE:CONTENT} (octal permissions) for files, to {@code ""} for directories. */
  private static Map<String, String> entries(ContainerArchive archive) throws java.io.IOException {
    Map<String, String> entries = new java.util.TreeMap<>();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(archive.tar())) {
      org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isDirectory()) {
          entries.put(e.getName().endsWith("/") ? e.getName() : e.getName() + "/", "");
        } else if (e.isFile()) {
          entries.put(e.getName(), String.format("%04o:%s", e.getMode() & 07777,
              new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        }
      }
    }
    return entries;
  }
}
