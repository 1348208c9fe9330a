package dev.berth.runtime.fake;

import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerState;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.PortBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Mutable state of one fake container; guarded by the owning {@link FakeRuntime}'s lock. */
final class FakeContainer {
  final String id;
  String name;
  final ContainerSpec spec;
  final String imageId;
  final List<MountPoint> mounts;
  final Map<String, NetworkAttachment> networks = new LinkedHashMap<>();
  final List<LogEntry> logs = new ArrayList<>();
  ContainerStatus status = ContainerStatus.CREATED;
  int exitCode;
  Instant startedAt;
  Instant finishedAt;
  FakeRun run;
  final FakeFiles files;
  /** The {@code /dev/shm} of its current (or last) start: path to content (see {@link FakeSharedMemory}). */
  Map<String, String> devShm = Map.of();
  private final ExitListener onExit;
  /** What a running container publishes: its ports, with the host ports chosen at start. */
  List<PortBinding> published = List.of();
  /** The main process's stdin, when created with stdin open: attached clients write, a reader process reads. */
  final dev.berth.runtime.io.BytePipe stdin;
  /** The terminal's size, when it has a terminal and it was created with one or someone set it. */
  final java.util.concurrent.atomic.AtomicReference<dev.berth.runtime.TerminalSize> terminalSize =
      new java.util.concurrent.atomic.AtomicReference<>();
  /** Clients attached to the main process's output. */
  final List<FakeAttachment> attached = new ArrayList<>();
  /** Threads of processes that end with the container: the main process when it reads stdin, and execs. */
  final java.util.Set<Thread> processes = new java.util.HashSet<>();
  /** How often it was started; a main process's exit counts only for the start that ran it. */
  int starts;

  /** Told when the main process ends, whatever ended it. */
  interface ExitListener {
    void exited(FakeContainer container, Instant at);
  }

  FakeContainer(String id, ContainerSpec spec, String imageId, List<MountPoint> mounts, Instant created,
      ExitListener onExit) {
    this.id = id;
    this.name = spec.name();
    this.spec = spec;
    this.imageId = imageId;
    this.mounts = List.copyOf(mounts);
    this.files = new FakeFiles(spec.hostname().orElse(id.substring(0, 12)), created);
    this.onExit = onExit;
    this.stdin = spec.stdinOpen() ? new dev.berth.runtime.io.BytePipe() : null;
    spec.consoleSize().filter(size -> spec.tty()).ifPresent(terminalSize::set);
  }

  /** Applies the scripted exit once the clock has passed it. */
  void refresh(Instant now) {
    if (status == ContainerStatus.RUNNING && run.exitsAfter().isPresent()) {
      Instant exitAt = startedAt.plus(run.exitsAfter().get());
      if (!now.isBefore(exitAt)) {
        exited(run.exitCode(), exitAt);
      }
    }
  }

  void started(FakeRun run, Instant now, List<PortBinding> publishedPorts) {
    this.run = run;
    published = publishedPorts;
    status = ContainerStatus.RUNNING;
    startedAt = now;
    finishedAt = null;
    exitCode = 0;
    starts++;
    for (FakeRun.Output o : run.output()) {
      logs.add(new LogEntry(now, o.stream(), o.line()));
      byte[] bytes = (o.line() + (spec.tty() ? "\r\n" : "\n")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      attached.forEach(client -> client.write(o.stream(), bytes));
    }
  }

  void exited(int code, Instant at) {
    status = ContainerStatus.EXITED;
    published = List.of();
    exitCode = code;
    finishedAt = at;
    attached.forEach(FakeAttachment::end);
    attached.clear();
    processes.forEach(Thread::interrupt);
    processes.clear();
    onExit.exited(this, at);
  }

  HealthStatus health(Instant now) {
    if (spec.healthcheck().isEmpty() || spec.healthcheck().get().disabled() || run == null) {
      return HealthStatus.NONE;
    }
    if (status != ContainerStatus.RUNNING) {
      return status == ContainerStatus.EXITED ? HealthStatus.UNHEALTHY : HealthStatus.STARTING;
    }
    return now.isBefore(startedAt.plus(run.healthDelay())) ? HealthStatus.STARTING : run.health();
  }

  ContainerSummary summary(Instant now) {
    ContainerState state = new ContainerState(status, exitCode, health(now), Optional.ofNullable(startedAt),
        Optional.ofNullable(finishedAt));
    return new ContainerSummary(new ContainerId(id), name, spec.image(), imageId, spec.labels(), state, mounts,
        List.copyOf(networks.keySet()), status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED
        ? published : List.of());
  }
}
