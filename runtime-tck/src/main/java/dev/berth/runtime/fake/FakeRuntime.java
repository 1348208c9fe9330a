package dev.berth.runtime.fake;

import dev.berth.runtime.ConflictException;
import dev.berth.runtime.ContainerArchive;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.EventQuery;
import dev.berth.runtime.EventSubscription;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.ImageSummary;
import dev.berth.runtime.InjectedFile;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.Mount;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.VolumesFrom;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.ProcessList;
import dev.berth.runtime.RuntimeEvent;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumeSummary;
import dev.berth.runtime.events.EventHub;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory {@link ContainerRuntime} that keeps the rules a real engine keeps: unique names, legal state
 * transitions, networks and volumes that must exist before use, resources in use that cannot be removed. What a
 * container does is scripted by the {@link FakeProgram} registered for its image. Time comes from the injected
 * {@link Clock}; an optional per-call latency makes it useful for executor benchmarks. Every call is recorded in
 * {@link #calls()}. Its own operations are published as {@link RuntimeEvent}s, and each container has an in-memory
 * file tree for {@code cp}.
 */
public final class FakeRuntime implements ContainerRuntime {
  private static final Duration POLL = Duration.ofMillis(5);

  private final Object lock = new Object();
  private final Clock clock;
  private final Duration latency;
  private final Map<String, FakeContainer> containers = new LinkedHashMap<>();
  private final Map<String, FakeNetwork> networks = new TreeMap<>();
  private final FakeHostPorts hostPorts = new FakeHostPorts();
  private final FakeSharedMemory sharedMemory = new FakeSharedMemory();
  private final Map<String, VolumeSummary> volumes = new TreeMap<>();
  private final Map<String, FakeImage> images = new TreeMap<>();
  /** The fake's content store: what an image id runs, kept after the image is removed, as blobs are. */
  private final Map<String, FakeImageBuild.Content> contents = new TreeMap<>();
  /** The fake registry: normalised references to image ids (whose content is in {@link #contents}). */
  private final Map<String, String> registry = new TreeMap<>();
  private final Map<String, String> unreachableRegistries = new TreeMap<>();
  private final Map<String, dev.berth.runtime.RegistryCredentials> requiredCredentials = new TreeMap<>();
  private final Map<String, Instant> pulledAt = new TreeMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final EventHub events;
  private final Map<String, Long> pids = new TreeMap<>();
  private long sequence;

  private record FakeNetwork(String id, NetworkSpec spec) {}

  private record FakeImage(String id, List<String> tags, FakeImageBuild.Content content) {
    FakeProgram program() {
      return content.program();
    }
  }

  public FakeRuntime(Clock clock) {
    this(clock, Duration.ZERO);
  }

  /** A runtime whose every call first sleeps {@code latency} (outside its lock, so calls overlap). */
  public FakeRuntime(Clock clock, Duration latency) {
    this.clock = clock;
    this.latency = latency;
    this.events = new EventHub(clock, 1000);
    for (String predefined : List.of("bridge", "host", "none")) {
      networks.put(predefined, new FakeNetwork(nextId("network"), NetworkSpec.bridge(predefined, Map.of())));
    }
  }

  /** Makes an image available locally; its containers behave as {@code program} says. Returns the image id. */
  public String addImage(ImageRef ref, FakeProgram program) {
    synchronized (lock) {
      String id = "sha256:" + sha256("image:" + ref.value() + ":" + (++sequence));
      images.values().forEach(i -> i.tags().remove(normalize(ref.value())));
      List<String> tags = new ArrayList<>(List.of(normalize(ref.value())));
      FakeImageBuild.Content content = new FakeImageBuild.Content(program, Map.of(), Map.of(), Map.of(), List.of(),
          List.of());
      images.put(id, new FakeImage(id, tags, content));
      contents.put(id, content);
      return id;
    }
  }

  /** The spec the container called {@code name} was created from, for tests that check what was asked for. */
  public ContainerSpec spec(String name) {
    synchronized (lock) {
      return byName(name).orElseThrow(() -> new NotFoundException("spec", name, "no such container")).spec;
    }
  }

  /**
   * Puts an image into the fake registry (not the local store): {@link #pullImage} makes it local. Returns its id;
   * publishing again under the same reference gives a new id, as a new push to a registry does.
   */
  public String addRegistryImage(ImageRef ref, FakeProgram program) {
    synchronized (lock) {
      String id = "sha256:" + sha256("remote:" + ref.value() + ":" + (++sequence));
      contents.put(id, new FakeImageBuild.Content(program, Map.of(), Map.of(), Map.of(), List.of(), List.of()));
      registry.put(normalize(ref.value()), id);
      return id;
    }
  }

  /** The id the fake registry has under {@code ref}, if any. */
  public java.util.Optional<String> registryImage(ImageRef ref) {
    synchronized (lock) {
      return java.util.Optional.ofNullable(registry.get(normalize(ref.value())));
    }
  }

  /**
   * Makes pulls and pushes of references on {@code registryHost} fail as a registry refusing them would, unless the
   * call passes exactly {@code credentials} (the fake runtime has no credentials of its own).
   */
  public void requireCredentials(String registryHost, dev.berth.runtime.RegistryCredentials credentials) {
    synchronized (lock) {
      requiredCredentials.put(registryHost, credentials);
    }
  }

  /** Makes pulls and pushes of references on {@code registryHost} fail as an unreachable registry would. */
  public void makeUnreachable(String registryHost) {
    synchronized (lock) {
      unreachableRegistries.put(registryHost, "cannot reach registry " + registryHost);
    }
  }

  /** Every call made so far, as {@code "op target"} strings, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  // ---- containers ---------------------------------------------------------------------------------------------

  @Override
  public ContainerId create(ContainerSpec spec) {
    enter("create " + spec.name());
    synchronized (lock) {
      String op = "create container";
      if (byName(spec.name()).isPresent()) {
        throw new ConflictException(op, spec.name(), "the container name is already in use; remove or rename it");
      }
      FakeImage image = image(op, spec.image());
      for (NetworkAttachment a : spec.networks()) {
        network(op, a.network());
      }
      spec.networkMode().filter(m -> !m.contains(":")).ifPresent(m -> network(op, m));
      String id = nextId("container");
      List<MountPoint> mounts = new ArrayList<>();
      for (Mount m : spec.mounts()) {
        if (!(m instanceof InjectedFile)) {
          mounts.add(mountPoint(op, spec.name(), id, m));
        }
      }
      for (VolumesFrom from : spec.volumesFrom()) {
        FakeContainer source = byName(from.container()).or(() -> Optional.ofNullable(containers.get(from.container())))
            .orElseThrow(() -> new NotFoundException(op, spec.name(), "volumes_from: no such container: "
                + from.container() + " (create it first)"));
        source.mounts.stream().filter(m -> m.type() != MountPoint.Type.TMPFS)
            .filter(m -> mounts.stream().noneMatch(own -> own.target().equals(m.target())))
            .forEach(m -> mounts.add(new MountPoint(m.type(), m.source(), m.target(), from.readOnly(m.readOnly()))));
      }
      FakeContainer c = new FakeContainer(id, spec, image.id(), mounts, now(),
          (exited, at) -> publish(exited, "die", Map.of("exitCode", String.valueOf(exited.exitCode)), at));
      if (spec.networks().isEmpty() && spec.networkMode().isEmpty()) {
        c.networks.put("bridge", NetworkAttachment.of("bridge"));
      }
      spec.networkMode().filter(networks::containsKey).ifPresent(m -> c.networks.put(m, NetworkAttachment.of(m)));
      spec.networks().forEach(a -> c.networks.put(a.network(), a));
      containers.put(id, c);
      publish(c, "create", Map.of(), now());
      return new ContainerId(id);
    }
  }

  private MountPoint mountPoint(String op, String container, String id, Mount m) {
    if (m instanceof Mount.Volume v) {
      String name;
      if (v.anonymous()) {
        name = sha256("anonymous:" + id + ":" + v.target());
        volumes.put(name, new VolumeSummary(name, "local", Map.of("com.docker.volume.anonymous", ""), true));
        publish(RuntimeEvent.Type.VOLUME, "create", name, name, Map.of("com.docker.volume.anonymous", ""));
      } else {
        name = v.name().get();
        if (!volumes.containsKey(name)) {
          throw new NotFoundException(op, container, "volume " + name + " does not exist; create it first");
        }
      }
      return new MountPoint(MountPoint.Type.VOLUME, name, v.target(), v.readOnly());
    }
    if (m instanceof Mount.Bind b) {
      return new MountPoint(MountPoint.Type.BIND, b.source(), b.target(), b.readOnly());
    }
    return new MountPoint(MountPoint.Type.TMPFS, "", m.target(), false);
  }

  @Override
  public void start(ContainerId id) {
    enter("start " + id);
    synchronized (lock) {
      FakeContainer c = container("start container", id);
      switch (c.status) {
        case RUNNING, RESTARTING -> { }
        case PAUSED, DEAD -> throw new InvalidStateException("start container", c.name,
            "container is " + status(c) + (c.status == ContainerStatus.PAUSED ? "; unpause it instead" : ""));
        default -> {
          for (String n : c.networks.keySet()) {
            network("start container", n);
          }
          FakeImageBuild.Content image = images.get(c.imageId).content();
          List<String> argv = new ArrayList<>(c.spec.entrypoint().isEmpty() ? image.entrypoint()
              : c.spec.entrypoint());
          argv.addAll(c.spec.command().isEmpty() && c.spec.entrypoint().isEmpty() ? image.cmd() : c.spec.command());
          Map<String, String> env = new LinkedHashMap<>(image.env());
          env.putAll(c.spec.env());
          if (image.program() == null) {
            throw new InvalidStateException("start container", c.name, "the image has no program to run " + argv
                + " (it was built FROM scratch without one)");
          }
          c.devShm = sharedMemory.forStart(c, ref -> container("start container", new ContainerId(ref)), now());
          List<PortBinding> published = hostPorts.choose(c.name, c.spec.ports(), containers.values());
          java.util.Optional<FakeProcess> reader = c.spec.stdinOpen() ? program(c).reader(argv, env)
              : java.util.Optional.empty();
          FakeRun run = reader.isPresent() ? FakeRun.forever()
              : c.spec.tty() ? program(c).runOnTerminal(argv, env, java.util.Optional.ofNullable(c.terminalSize.get()))
              : program(c).run(argv, env);
          c.started(run, now(), published);
          reader.ifPresent(process -> startMainProcess(c, process));
          pids.put(c.id, 1000 + (++sequence));
          publish(c, "start", Map.of(), now());
          c.refresh(now());
        }
      }
      lock.notifyAll();
    }
  }

  @Override
  public void stop(ContainerId id, Duration timeout) {
    enter("stop " + id);
    synchronized (lock) {
      FakeContainer c = container("stop container", id);
      c.refresh(now());
      if (c.status.isActive()) {
        publish(c, "kill", Map.of("signal", "15"), now());
        c.exited(143, now());
        publish(c, "stop", Map.of(), now());
      }
      lock.notifyAll();
    }
  }

  @Override
  public void kill(ContainerId id, String signal) {
    enter("kill " + id);
    synchronized (lock) {
      FakeContainer c = container("kill container", id);
      if (!c.status.isActive()) {
        throw new InvalidStateException("kill container", c.name, "container is not running");
      }
      publish(c, "kill", Map.of("signal", signalNumber(signal)), now());
      c.exited(signal.equals("SIGTERM") || signal.equals("TERM") || signal.equals("15") ? 143 : 137, now());
      lock.notifyAll();
    }
  }

  @Override
  public void restart(ContainerId id, Duration timeout) {
    stop(id, timeout);
    start(id);
  }

  @Override
  public void pause(ContainerId id) {
    enter("pause " + id);
    synchronized (lock) {
      FakeContainer c = container("pause container", id);
      if (c.status != ContainerStatus.RUNNING) {
        throw new InvalidStateException("pause container", c.name, "container is " + status(c) + ", not running");
      }
      c.status = ContainerStatus.PAUSED;
      publish(c, "pause", Map.of(), now());
    }
  }

  @Override
  public void unpause(ContainerId id) {
    enter("unpause " + id);
    synchronized (lock) {
      FakeContainer c = container("unpause container", id);
      if (c.status != ContainerStatus.PAUSED) {
        throw new InvalidStateException("unpause container", c.name, "container is " + status(c) + ", not paused");
      }
      c.status = ContainerStatus.RUNNING;
      publish(c, "unpause", Map.of(), now());
      c.refresh(now());
    }
  }

  @Override
  public void remove(ContainerId id, boolean force, boolean removeVolumes) {
    enter("remove " + id);
    synchronized (lock) {
      FakeContainer c = container("remove container", id);
      if (c.status.isActive() && !force) {
        throw new ConflictException("remove container", c.name,
            "container is " + status(c) + "; stop it first or remove with force");
      }
      if (c.status.isActive()) {
        publish(c, "kill", Map.of("signal", "9"), now());
        c.exited(137, now());
      }
      containers.remove(c.id);
      c.attached.forEach(FakeAttachment::end);
      c.attached.clear();
      pids.remove(c.id);
      publish(c, "destroy", Map.of(), now());
      if (removeVolumes) {
        c.mounts.stream().filter(m -> m.type() == MountPoint.Type.VOLUME)
            .filter(m -> volumes.containsKey(m.source()) && volumes.get(m.source()).anonymous())
            .filter(m -> !volumeInUse(m.source()))
            .forEach(m -> {
              volumes.remove(m.source());
              publish(RuntimeEvent.Type.VOLUME, "destroy", m.source(), m.source(), Map.of());
            });
      }
      lock.notifyAll();
    }
  }

  @Override
  public void rename(ContainerId id, String newName) {
    enter("rename " + id + " " + newName);
    synchronized (lock) {
      FakeContainer c = container("rename container", id);
      Optional<FakeContainer> other = byName(newName);
      if (other.isPresent() && other.get() != c) {
        throw new ConflictException("rename container", c.name, "the name " + newName + " is already in use");
      }
      String oldName = c.name;
      c.name = newName;
      publish(c, "rename", Map.of("oldName", "/" + oldName), now());
    }
  }

  @Override
  public int waitForExit(ContainerId id) throws InterruptedException {
    enter("wait " + id);
    synchronized (lock) {
      while (true) {
        FakeContainer c = container("wait container", id);
        c.refresh(now());
        if (!c.status.isActive()) {
          return c.exitCode;
        }
        lock.wait(POLL.toMillis());
      }
    }
  }

  @Override
  public ContainerSummary inspect(ContainerId id) {
    enter("inspect " + id);
    synchronized (lock) {
      FakeContainer c = container("inspect container", id);
      c.refresh(now());
      return c.summary(now());
    }
  }

  @Override
  public List<ContainerSummary> list(LabelSelector selector) {
    enter("list");
    synchronized (lock) {
      Instant now = now();
      return containers.values().stream()
          .filter(c -> selector.matches(c.spec.labels()))
          .map(c -> {
            c.refresh(now);
            return c.summary(now);
          })
          .sorted(Comparator.comparing(ContainerSummary::name))
          .toList();
    }
  }

  @Override
  public LogStream logs(ContainerId id, LogOptions options) {
    enter("logs " + id);
    synchronized (lock) {
      FakeContainer c = container("logs", id);
      List<LogEntry> existing = c.logs.stream()
          .filter(e -> options.since().map(s -> !e.timestamp().isBefore(s)).orElse(true))
          .filter(e -> options.until().map(u -> e.timestamp().isBefore(u)).orElse(true))
          .toList();
      int skip = options.tail().isPresent() ? Math.max(0, existing.size() - options.tail().getAsInt()) : 0;
      return new FakeLogStream(this, c, existing.subList(skip, existing.size()), c.logs.size(), options.follow());
    }
  }

  Object lock() {
    return lock;
  }

  @Override
  public ExecResult exec(ContainerId id, ExecSpec spec) {
    enter("exec " + id);
    synchronized (lock) {
      FakeContainer c = container("exec", id);
      c.refresh(now());
      if (c.status != ContainerStatus.RUNNING) {
        throw new InvalidStateException("exec", c.name, "container is " + status(c) + ", not running");
      }
      Map<String, String> env = new LinkedHashMap<>(c.spec.env());
      env.putAll(spec.env());
      return program(c).exec(spec.command(), env);
    }
  }

  /**
   * Runs a main process that reads its stdin on a thread of its own; its exit ends the container, unless the container
   * was stopped or restarted meanwhile. Called under the lock.
   */
  private void startMainProcess(FakeContainer c, FakeProcess process) {
    int start = c.starts;
    FakeProcess.Stdio io = new FakeProcess.Stdio(c.stdin.source(),
        new FakeContainerOutput(lock, c, LogEntry.Stream.STDOUT, this::now),
        new FakeContainerOutput(lock, c, c.spec.tty() ? LogEntry.Stream.STDOUT : LogEntry.Stream.STDERR, this::now),
        c.spec.tty(), () -> java.util.Optional.ofNullable(c.terminalSize.get()));
    c.processes.add(FakeProcessThread.start("fake-main-" + c.name, process, io, () -> { }, code -> {
      synchronized (lock) {
        if (c.starts == start && c.status.isActive() && containers.get(c.id) == c) {
          c.exited(code, now());
        }
        lock.notifyAll();
      }
    }));
  }

  @Override
  public dev.berth.runtime.ProcessSession startExec(ContainerId id, ExecSpec spec) {
    enter("startExec " + id);
    synchronized (lock) {
      FakeContainer c = container("exec in", id);
      c.refresh(now());
      if (c.status != ContainerStatus.RUNNING) {
        throw new InvalidStateException("exec in", c.name, "container is " + status(c) + ", not running");
      }
      Map<String, String> env = new LinkedHashMap<>(c.spec.env());
      env.putAll(spec.env());
      dev.berth.runtime.io.BytePipe in = new dev.berth.runtime.io.BytePipe();
      dev.berth.runtime.io.BytePipe out = new dev.berth.runtime.io.BytePipe();
      dev.berth.runtime.io.BytePipe err = spec.tty() ? out : new dev.berth.runtime.io.BytePipe();
      if (!spec.stdin()) {
        in.closeSink();
      }
      java.util.concurrent.atomic.AtomicReference<dev.berth.runtime.TerminalSize> size =
          new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();
      FakeProcess.Stdio io = new FakeProcess.Stdio(in.source(), out.sink(), err.sink(), spec.tty(),
          () -> java.util.Optional.ofNullable(size.get()));
      c.processes.add(FakeProcessThread.start("fake-exec-" + c.name, program(c).session(spec.command(), env), io,
          () -> {
            out.closeSink();
            err.closeSink();
            in.closeSource();
          }, exit::complete));
      return new dev.berth.runtime.io.CallbackProcessSession(spec.tty(), spec.stdin() ? java.util.Optional.of(in.sink()) : java.util.Optional.empty(),
          out.source(), spec.tty() ? java.io.InputStream.nullInputStream() : err.source(),
          newSize -> {
            if (exit.isDone()) {
              throw new InvalidStateException("resize exec in", c.name, "the process has exited");
            }
            size.set(newSize);
          },
          () -> {
            try {
              return exit.get();
            } catch (java.util.concurrent.ExecutionException e) {
              throw new IllegalStateException("fake exec failed", e.getCause());
            }
          },
          () -> {
            out.closeSource();
            err.closeSource();
          });
    }
  }

  @Override
  public dev.berth.runtime.ProcessSession attach(ContainerId id, dev.berth.runtime.AttachSpec spec) {
    enter("attach " + id);
    synchronized (lock) {
      FakeContainer c = container("attach to container", id);
      if (spec.stdin() && !c.spec.stdinOpen()) {
        throw new InvalidStateException("attach to container", c.name, "it was not created with stdin open;"
            + " create it with stdin_open (-i) to write to its stdin");
      }
      FakeAttachment client = new FakeAttachment(c.spec.tty());
      c.attached.add(client);
      watchForExit(c, client);
      java.util.Optional<java.io.OutputStream> stdin = spec.stdin()
          ? java.util.Optional.of(new FakeStdinWriter(c)) : java.util.Optional.empty();
      return new dev.berth.runtime.io.CallbackProcessSession(c.spec.tty(), stdin, client.stdout(), client.stderr(), size -> {
        synchronized (lock) {
          if (c.status != ContainerStatus.RUNNING) {
            throw new InvalidStateException("resize container", c.name, "container is " + status(c)
                + ", not running");
          }
          c.terminalSize.set(size);
        }
      }, () -> waitForExit(id), () -> {
        synchronized (lock) {
          c.attached.remove(client);
        }
        client.detach();
      });
    }
  }

  /**
   * Polls a container with an attached client so that a scripted exit (due on the clock) happens, and ends the
   * client's output when the container is removed.
   */
  private void watchForExit(FakeContainer c, FakeAttachment client) {
    Thread watcher = new Thread(() -> {
      synchronized (lock) {
        while (!client.ended()) {
          if (containers.get(c.id) != c) {
            client.end();
            break;
          }
          c.refresh(now());
          try {
            lock.wait(POLL.toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "fake-attach-" + c.name);
    watcher.setDaemon(true);
    watcher.start();
  }

  /** What attached clients write to a container's stdin; closing it closes that stdin only with stdinOnce. */
  private static final class FakeStdinWriter extends java.io.OutputStream {
    private final FakeContainer container;

    FakeStdinWriter(FakeContainer container) {
      this.container = container;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      container.stdin.sink().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      container.stdin.sink().write(b, off, len);
    }

    @Override
    public void close() {
      if (container.spec.stdinOnce()) {
        container.stdin.closeSink();
      }
    }
  }

  /** The image's program seeing the files injected into {@code c} and its {@code /dev/shm}. */
  private FakeProgram program(FakeContainer c) {
    List<InjectedFile> files = c.spec.mounts().stream().filter(InjectedFile.class::isInstance)
        .map(InjectedFile.class::cast).toList();
    return images.get(c.imageId).program().withInjectedFiles(files).withSharedMemory(c.devShm);
  }

  // ---- networks -----------------------------------------------------------------------------------------------

  @Override
  public NetworkSummary createNetwork(NetworkSpec spec) {
    enter("createNetwork " + spec.name());
    synchronized (lock) {
      if (networks.containsKey(spec.name())) {
        throw new ConflictException("create network", spec.name(), "a network with this name already exists");
      }
      FakeNetwork n = new FakeNetwork(nextId("network"), spec);
      networks.put(spec.name(), n);
      publish(RuntimeEvent.Type.NETWORK, "create", n.id(), spec.name(), withType(spec.labels(), spec.driver()));
      return summary(n);
    }
  }

  @Override
  public NetworkSummary inspectNetwork(String name) {
    enter("inspectNetwork " + name);
    synchronized (lock) {
      return summary(network("inspect network", name));
    }
  }

  @Override
  public void removeNetwork(String name) {
    enter("removeNetwork " + name);
    synchronized (lock) {
      network("remove network", name);
      List<String> active = containers.values().stream()
          .filter(c -> c.networks.containsKey(name) && c.status.isActive()).map(c -> c.name).sorted().toList();
      if (!active.isEmpty()) {
        throw new ConflictException("remove network", name,
            "network has active endpoints " + active + "; stop or disconnect them first");
      }
      FakeNetwork removed = networks.remove(name);
      publish(RuntimeEvent.Type.NETWORK, "destroy", removed.id(), name,
          withType(removed.spec().labels(), removed.spec().driver()));
    }
  }

  @Override
  public void connect(ContainerId id, NetworkAttachment attachment) {
    enter("connect " + id + " " + attachment.network());
    synchronized (lock) {
      FakeContainer c = container("connect", id);
      network("connect", attachment.network());
      if (c.networks.containsKey(attachment.network())) {
        throw new ConflictException("connect", c.name, "already connected to network " + attachment.network());
      }
      c.networks.put(attachment.network(), attachment);
      FakeNetwork n = networks.get(attachment.network());
      publish(RuntimeEvent.Type.NETWORK, "connect", n.id(), n.spec().name(), Map.of("container", c.id));
    }
  }

  @Override
  public void disconnect(ContainerId id, String network, boolean force) {
    enter("disconnect " + id + " " + network);
    synchronized (lock) {
      FakeContainer c = container("disconnect", id);
      if (c.networks.remove(network) == null) {
        throw new NotFoundException("disconnect", c.name, "container is not connected to network " + network);
      }
      networks.values().stream().filter(n -> n.spec().name().equals(network)).findFirst().ifPresent(n ->
          publish(RuntimeEvent.Type.NETWORK, "disconnect", n.id(), network, Map.of("container", c.id)));
    }
  }

  @Override
  public List<NetworkSummary> listNetworks(LabelSelector selector) {
    enter("listNetworks");
    synchronized (lock) {
      return networks.values().stream().filter(n -> selector.matches(n.spec().labels())).map(this::summary)
          .toList();
    }
  }

  // ---- volumes ------------------------------------------------------------------------------------------------

  @Override
  public VolumeSummary createVolume(VolumeSpec spec) {
    enter("createVolume " + spec.name());
    synchronized (lock) {
      if (volumes.containsKey(spec.name())) {
        throw new ConflictException("create volume", spec.name(), "a volume with this name already exists");
      }
      VolumeSummary v = new VolumeSummary(spec.name(), spec.driver(), spec.labels(), false);
      volumes.put(spec.name(), v);
      publish(RuntimeEvent.Type.VOLUME, "create", spec.name(), spec.name(), withDriver(spec.labels(), spec.driver()));
      return v;
    }
  }

  @Override
  public VolumeSummary inspectVolume(String name) {
    enter("inspectVolume " + name);
    synchronized (lock) {
      return volume("inspect volume", name);
    }
  }

  @Override
  public void removeVolume(String name, boolean force) {
    enter("removeVolume " + name);
    synchronized (lock) {
      volume("remove volume", name);
      if (volumeInUse(name)) {
        throw new ConflictException("remove volume", name, "volume is in use by a container; remove it first");
      }
      VolumeSummary removed = volumes.remove(name);
      publish(RuntimeEvent.Type.VOLUME, "destroy", name, name, withDriver(removed.labels(), removed.driver()));
    }
  }

  @Override
  public List<VolumeSummary> listVolumes(LabelSelector selector) {
    enter("listVolumes");
    synchronized (lock) {
      return volumes.values().stream().filter(v -> selector.matches(v.labels())).toList();
    }
  }

  // ---- processes, events and files ---------------------------------------------------------------------------

  /** The main process only: the fake runs nothing else. */
  @Override
  public ProcessList top(ContainerId id) {
    enter("top " + id);
    synchronized (lock) {
      FakeContainer c = container("top", id);
      c.refresh(now());
      if (c.status != ContainerStatus.RUNNING && c.status != ContainerStatus.PAUSED) {
        throw new InvalidStateException("top", c.name, "container is " + status(c) + ", not running; start it first");
      }
      List<String> argv = new ArrayList<>(c.spec.entrypoint());
      argv.addAll(c.spec.command());
      String started = java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC)
          .format(c.startedAt);
      return new ProcessList(ProcessList.PS_EF_TITLES, List.of(List.of(c.spec.user().orElse("root"),
          String.valueOf(pids.get(c.id)), "1", "0", started, "?", "00:00:00", String.join(" ", argv))));
    }
  }

  @Override
  public EventSubscription events(EventQuery query, Consumer<RuntimeEvent> consumer) {
    enter("events");
    return events.subscribe(query, consumer);
  }

  @Override
  public void copyToContainer(ContainerId id, java.nio.file.Path containerDir, java.io.InputStream tar) {
    enter("copyToContainer " + id + " " + containerDir);
    synchronized (lock) {
      FakeContainer c = container("copy to container", id);
      c.files.extract(c.name, containerDir.toString(), tar);
    }
  }

  @Override
  public ContainerArchive copyFromContainer(ContainerId id, java.nio.file.Path containerPath) {
    enter("copyFromContainer " + id + " " + containerPath);
    synchronized (lock) {
      FakeContainer c = container("copy from container", id);
      return c.files.archive(c.name, containerPath.toString());
    }
  }

  private void publish(FakeContainer c, String action, Map<String, String> facts, Instant at) {
    Map<String, String> attributes = new TreeMap<>(c.spec.labels());
    attributes.put("name", c.name);
    attributes.put("image", c.spec.image().value());
    attributes.putAll(facts);
    events.publish(new RuntimeEvent(RuntimeEvent.Type.CONTAINER, action, c.id, c.name, attributes, at));
  }

  private void publish(RuntimeEvent.Type type, String action, String id, String name, Map<String, String> facts) {
    Map<String, String> attributes = new TreeMap<>(facts);
    attributes.put("name", name);
    events.publish(new RuntimeEvent(type, action, id, name, attributes, now()));
  }

  private static Map<String, String> withType(Map<String, String> labels, String driver) {
    Map<String, String> m = new TreeMap<>(labels);
    m.put("type", driver);
    return m;
  }

  private static Map<String, String> withDriver(Map<String, String> labels, String driver) {
    Map<String, String> m = new TreeMap<>(labels);
    m.put("driver", driver);
    return m;
  }

  private static String signalNumber(String signal) {
    return switch (signal.replaceFirst("^SIG", "")) {
      case "TERM", "15" -> "15";
      case "KILL", "9" -> "9";
      case "INT", "2" -> "2";
      case "HUP", "1" -> "1";
      default -> signal;
    };
  }

  // ---- images -------------------------------------------------------------------------------------------------

  @Override
  public ImageSummary inspectImage(ImageRef image) {
    enter("inspectImage " + image);
    synchronized (lock) {
      return summary(image("inspect image", image));
    }
  }

  @Override
  public List<ImageSummary> listImages() {
    enter("listImages");
    synchronized (lock) {
      return images.values().stream().map(this::summary).toList();
    }
  }

  @Override
  public void removeImage(ImageRef ref, boolean force) {
    enter("removeImage " + ref);
    synchronized (lock) {
      FakeImage image = image("remove image", ref);
      boolean used = containers.values().stream().anyMatch(c -> c.imageId.equals(image.id()));
      if (used && !force) {
        throw new ConflictException("remove image", ref.value(), "image is used by a container; remove it first");
      }
      image.tags().remove(normalize(ref.value()));
      if (image.tags().isEmpty() || ref.value().equals(image.id())) {
        images.remove(image.id());
      }
    }
  }

  @Override
  public void tagImage(ImageRef source, ImageRef target) {
    enter("tagImage " + source + " " + target);
    synchronized (lock) {
      FakeImage image = image("tag image", source);
      String tag = normalize(target.value());
      images.values().forEach(i -> i.tags().remove(tag));
      image.tags().add(tag);
    }
  }

  /**
   * Interprets the Dockerfile (see {@link FakeImageBuild}) and stores the result under every tag. The id is a hash
   * of the resulting files, config and labels, so an unchanged build gives the same id. Base images come from the
   * fake's own store only, so {@code credentials} are not needed.
   */
  @Override
  public ImageRef build(dev.berth.runtime.BuildSpec spec, dev.berth.runtime.BuildCredentials credentials,
      java.util.function.Consumer<dev.berth.runtime.BuildEvent> progress) {
    enter("build " + spec.image());
    FakeImageBuild.Content content = FakeImageBuild.build(spec, ref -> {
      synchronized (lock) {
        try {
          return java.util.Optional.of(image("build image", ImageRef.of(ref)).content());
        } catch (NotFoundException e) {
          return java.util.Optional.empty();
        }
      }
    }, progress);
    synchronized (lock) {
      String id = "sha256:" + sha256("build:" + new TreeMap<>(content.files()) + content.env() + content.labels()
          + content.entrypoint() + content.cmd()
          + (content.program() == null ? "" : content.program().getClass().getName()));
      FakeImage image = images.computeIfAbsent(id, k -> new FakeImage(k, new ArrayList<>(), content));
      contents.put(id, content);
      for (ImageRef tag : spec.tags()) {
        String t = normalize(tag.value());
        images.values().forEach(i -> i.tags().remove(t));
        image.tags().add(t);
      }
      progress.accept(dev.berth.runtime.BuildEvent.image(id));
      return ImageRef.of(id);
    }
  }

  /**
   * Reads an archive written by {@link #saveImages}: one line per image, its id, a tab and its tags. The images'
   * content comes from the fake's content store, so only images this fake has known can be loaded.
   */
  @Override
  public List<ImageRef> loadImages(java.nio.file.Path archive) {
    enter("loadImages " + archive);
    List<String> lines;
    try {
      lines = java.nio.file.Files.readAllLines(archive, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new NotFoundException("load images", archive.toString(), "cannot read the archive: " + e.getMessage());
    }
    synchronized (lock) {
      List<ImageRef> loaded = new ArrayList<>();
      for (String line : lines) {
        String[] parts = line.split("\t", 2);
        FakeImageBuild.Content program = contents.get(parts[0]);
        if (program == null) {
          throw new NotFoundException("load images", archive.toString(), "unknown image content " + parts[0]);
        }
        FakeImage image = images.computeIfAbsent(parts[0], id -> new FakeImage(id, new ArrayList<>(), program));
        for (String tag : parts.length > 1 && !parts[1].isEmpty() ? parts[1].split(",") : new String[0]) {
          images.values().forEach(i -> i.tags().remove(tag));
          image.tags().add(tag);
          loaded.add(ImageRef.of(tag));
        }
      }
      return loaded;
    }
  }

  @Override
  public void saveImages(List<ImageRef> refs, java.nio.file.Path archive) {
    enter("saveImages " + refs + " " + archive);
    StringBuilder text = new StringBuilder();
    synchronized (lock) {
      for (ImageRef ref : refs) {
        FakeImage image = image("save image", ref);
        text.append(image.id()).append('\t').append(normalize(ref.value())).append('\n');
      }
    }
    try {
      java.nio.file.Files.writeString(archive, text, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new dev.berth.runtime.RuntimeOperationException("save images", archive.toString(), e.getMessage(), e);
    }
  }

  @Override
  public void pullImage(ImageRef ref, java.util.Optional<String> platform,
      java.util.Optional<dev.berth.runtime.RegistryCredentials> credentials,
      java.util.function.Consumer<dev.berth.runtime.PullEvent> events) {
    enter("pullImage " + ref);
    dev.berth.runtime.PullEvent.Status outcome;
    String id;
    synchronized (lock) {
      checkReachable("pull image", ref, credentials);
      String tag = normalize(ref.value());
      id = registry.get(tag);
      if (id == null) {
        throw new NotFoundException("pull image", ref.value(), "the registry has no such repository or tag");
      }
      pulledAt.put(tag, now());
      FakeImage local = images.values().stream().filter(i -> i.tags().contains(tag)).findFirst().orElse(null);
      if (local != null && local.id().equals(id)) {
        outcome = dev.berth.runtime.PullEvent.Status.UP_TO_DATE;
      } else {
        String pulled = id;
        images.values().forEach(i -> i.tags().remove(tag));
        images.computeIfAbsent(id, k -> new FakeImage(pulled, new ArrayList<>(), contents.get(pulled))).tags().add(tag);
        outcome = dev.berth.runtime.PullEvent.Status.PULLED;
      }
    }
    if (outcome == dev.berth.runtime.PullEvent.Status.PULLED) {
      events.accept(new dev.berth.runtime.PullEvent(ref, id, dev.berth.runtime.PullEvent.Status.DOWNLOADED, 1024, 1024));
    }
    events.accept(new dev.berth.runtime.PullEvent(ref, id, outcome, 0, 0));
  }

  @Override
  public java.util.Optional<Instant> lastPulled(ImageRef image) {
    synchronized (lock) {
      return java.util.Optional.ofNullable(pulledAt.get(normalize(image.value())));
    }
  }

  @Override
  public void pushImage(ImageRef ref, java.util.Optional<dev.berth.runtime.RegistryCredentials> credentials,
      java.util.function.Consumer<dev.berth.runtime.PushEvent> events) {
    enter("pushImage " + ref);
    String id;
    boolean present;
    synchronized (lock) {
      FakeImage image = image("push image", ref);
      checkReachable("push image", ref, credentials);
      id = image.id();
      present = id.equals(registry.put(normalize(ref.value()), id));
    }
    events.accept(new dev.berth.runtime.PushEvent(ref, id, present ? dev.berth.runtime.PushEvent.Status.ALREADY_EXISTS
        : dev.berth.runtime.PushEvent.Status.UPLOADED, 1024, 1024));
    events.accept(new dev.berth.runtime.PushEvent(ref, id, dev.berth.runtime.PushEvent.Status.PUSHED, 0, 0));
  }

  private void checkReachable(String op, ImageRef ref,
      java.util.Optional<dev.berth.runtime.RegistryCredentials> credentials) {
    String host = dev.berth.runtime.ImageName.parse(ref.value()).registry();
    String message = unreachableRegistries.get(host);
    if (message != null) {
      throw new dev.berth.runtime.RegistryAccessException(op, ref.value(), host,
          dev.berth.runtime.RegistryAccessException.Reason.UNREACHABLE, message, null);
    }
    dev.berth.runtime.RegistryCredentials required = requiredCredentials.get(host);
    if (required != null && !credentials.equals(java.util.Optional.of(required))) {
      throw new dev.berth.runtime.RegistryAccessException(op, ref.value(), host,
          dev.berth.runtime.RegistryAccessException.Reason.UNAUTHORIZED, "registry " + host + " refused "
          + credentials.map(c -> "the credentials " + c).orElse("an anonymous request") + ": run `berth login "
          + host + "`", null);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private void enter(String call) {
    calls.add(call);
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.berth.runtime.RuntimeOperationException(call, "", "interrupted", e);
      }
    }
  }

  Instant now() {
    return clock.instant();
  }

  private String nextId(String kind) {
    return sha256(kind + ":" + (++sequence));
  }

  private Optional<FakeContainer> byName(String name) {
    return containers.values().stream().filter(c -> c.name.equals(name)).findFirst();
  }

  FakeContainer container(String op, ContainerId id) {
    FakeContainer c = containers.get(id.value());
    if (c == null) {
      c = byName(id.value()).or(() -> containers.values().stream()
          .filter(x -> id.value().length() >= 12 && x.id.startsWith(id.value())).findFirst()).orElse(null);
    }
    if (c == null) {
      throw new NotFoundException(op, id.value(), "no such container");
    }
    return c;
  }

  boolean isGone(FakeContainer c) {
    return !containers.containsKey(c.id);
  }

  private FakeNetwork network(String op, String name) {
    FakeNetwork n = networks.get(name);
    if (n == null) {
      throw new NotFoundException(op, name, "network " + name + " not found; create it first");
    }
    return n;
  }

  private VolumeSummary volume(String op, String name) {
    VolumeSummary v = volumes.get(name);
    if (v == null) {
      throw new NotFoundException(op, name, "no such volume");
    }
    return v;
  }

  private FakeImage image(String op, ImageRef ref) {
    String wanted = normalize(ref.value());
    return images.values().stream()
        .filter(i -> i.tags().contains(wanted) || i.id().equals(ref.value())
            || i.id().equals("sha256:" + ref.value()))
        .findFirst()
        .orElseThrow(() -> new NotFoundException(op, ref.value(), "no such image; pull or build it first"));
  }

  private boolean volumeInUse(String name) {
    return containers.values().stream().flatMap(c -> c.mounts.stream())
        .anyMatch(m -> m.type() == MountPoint.Type.VOLUME && m.source().equals(name));
  }

  private NetworkSummary summary(FakeNetwork n) {
    List<String> attached = containers.values().stream().filter(c -> c.networks.containsKey(n.spec().name()))
        .map(c -> c.name).sorted().toList();
    return new NetworkSummary(n.id(), n.spec().name(), n.spec().driver(), n.spec().labels(), n.spec().internal(),
        attached);
  }

  private ImageSummary summary(FakeImage i) {
    return new ImageSummary(i.id(), i.tags(), 1024, i.content().labels());
  }

  private static String status(FakeContainer c) {
    return c.status.name().toLowerCase(java.util.Locale.ROOT);
  }

  static String normalize(String ref) {
    if (dev.berth.runtime.ImageName.isValid(ref)) {
      return dev.berth.runtime.ImageName.parse(ref).familiar();
    }
    if (ref.startsWith("sha256:") || ref.contains("@")) {
      return ref;
    }
    int slash = ref.lastIndexOf('/');
    return ref.indexOf(':', slash + 1) >= 0 ? ref : ref + ":latest";
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
