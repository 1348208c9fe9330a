package dev.berth.engine.compose;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.desired.ReadinessProbe;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.execute.ExecutionResult;
import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.engine.execute.PlanExecutor;
import dev.berth.engine.graph.DependencyGraph;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.BuildPolicy;
import dev.berth.engine.plan.DownOptions;
import dev.berth.engine.plan.Operation;
import dev.berth.engine.plan.Plan;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.engine.plan.PlanStep;
import dev.berth.engine.plan.Planner;
import dev.berth.engine.plan.PlanningException;
import dev.berth.model.load.LoadedProject;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageSummary;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.RuntimeOperationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The compose operations the CLI offers, on one runtime: each plans with the {@link Planner} (or builds a small
 * plan of its own), executes it with the {@link PlanExecutor} reporting {@link EngineEvent}s, and returns an
 * {@link Outcome}. With {@code dryRun} only the plan is returned. Operations taking only a project name work from
 * the resources' labels, without compose files.
 */
public final class ComposeEngine {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final ContainerRuntime runtime;
  private final Clock clock;
  private final ExecutorOptions executorOptions;
  private final ProjectTranslator translator;

  public ComposeEngine(ContainerRuntime runtime, Clock clock, ExecutorOptions executorOptions, String version) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executorOptions = Objects.requireNonNull(executorOptions, "executorOptions");
    this.translator = new ProjectTranslator(version);
  }

  /** The desired state of {@code loaded}, with image digests of images the runtime has. */
  public DesiredProject desired(LoadedProject loaded) {
    DesiredProject d = translator.translate(loaded);
    List<DesiredService> services = new ArrayList<>();
    for (DesiredService s : d.services()) {
      services.add(s.withImageDigest(imageId(s.template()).orElse("")));
    }
    return new DesiredProject(d.name(), services, d.networks(), d.volumes(), d.disabledServices());
  }

  private Optional<String> imageId(ContainerSpec spec) {
    try {
      return Optional.of(runtime.inspectImage(spec.image()).id());
    } catch (RuntimeOperationException e) {
      return Optional.empty();
    }
  }

  /** {@code up} (and, with {@code plan.noStart()}, {@code create}). */
  public Outcome up(LoadedProject loaded, UpRequest request, Consumer<EngineEvent> events)
      throws InterruptedException {
    DesiredProject desired = scaled(desired(loaded), request.scale());
    Plan plan = Planner.plan(desired, ObservedSnapshot.take(runtime, desired.name()), request.plan());
    if (request.dryRun()) {
      return new Outcome(plan, Optional.empty(), List.of());
    }
    Plan builds = plan.leading(Operation.BuildImage.class);
    if (!builds.isEmpty()) {
      ExecutionResult built = executor(Map.of()).execute(builds, events);
      if (!built.succeeded()) {
        return new Outcome(builds, Optional.of(built), List.of());
      }
      // the containers are planned against the images just built (their new ids decide recreation)
      desired = scaled(desired(loaded), request.scale());
      plan = Planner.plan(desired, ObservedSnapshot.take(runtime, desired.name()),
          request.plan().withBuild(BuildPolicy.NEVER));
    }
    Map<String, ReadinessProbe> probes = ReadinessProbes.of(loaded.project());
    ExecutionResult result = executor(probes).execute(plan, events);
    if (!result.succeeded() || !request.waitReady() || request.plan().noStart()) {
      return new Outcome(plan, Optional.of(result), List.of());
    }
    Set<String> services = request.plan().services().isEmpty()
        ? new TreeSet<>(loaded.project().services().keySet()) : new TreeSet<>(request.plan().services());
    List<String> errors = new ServiceWaiter(runtime, clock, executorOptions.pollInterval())
        .await(desired.name(), services, probes, request.waitTimeout());
    return new Outcome(plan, Optional.of(result), errors);
  }

  /**
   * {@code build}: builds the images of {@code services} (all when empty) that have a {@code build:} section, each
   * image once and independent images in parallel; with {@code withDependencies} also those of their
   * dependencies. {@code overrides} apply to every build.
   */
  public Outcome build(LoadedProject loaded, Set<String> services, boolean withDependencies,
      BuildOverrides overrides, boolean dryRun, Consumer<EngineEvent> events) {
    DesiredProject d = desired(loaded);
    List<DesiredService> overridden = new ArrayList<>();
    for (DesiredService s : d.services()) {
      overridden.add(s.withBuild(s.build().map(b -> new dev.berth.engine.desired.ImageBuild(
          BuildSpecs.withOverrides(b.spec(), overrides), b.always()))));
    }
    DesiredProject desired = new DesiredProject(d.name(), overridden, d.networks(), d.volumes(),
        d.disabledServices());
    Plan plan = Planner.planBuilds(desired, services, withDependencies, BuildPolicy.ALWAYS);
    return run(plan, dryRun, events, Map.of());
  }

  /** {@code scale}: sets the replica counts of some services and converges only those (no dependencies). */
  public Outcome scale(LoadedProject loaded, Map<String, Integer> replicas, boolean dryRun,
      Consumer<EngineEvent> events) {
    DesiredProject desired = scaled(desired(loaded), replicas);
    PlanOptions options = PlanOptions.defaults().withServices(replicas.keySet()).withNoDeps(true);
    Plan plan = Planner.plan(desired, ObservedSnapshot.take(runtime, desired.name()), options);
    return run(plan, dryRun, events, ReadinessProbes.of(loaded.project()));
  }

  private static DesiredProject scaled(DesiredProject d, Map<String, Integer> replicas) {
    for (String name : replicas.keySet()) {
      if (d.service(name).isEmpty()) {
        throw new PlanningException("no such service: " + name);
      }
    }
    List<DesiredService> services = new ArrayList<>();
    for (DesiredService s : d.services()) {
      services.add(replicas.containsKey(s.name()) ? s.withReplicas(replicas.get(s.name())) : s);
    }
    return new DesiredProject(d.name(), services, d.networks(), d.volumes(), d.disabledServices());
  }

  /**
   * {@code down}: with the project files when given (their networks and volumes), else from the labels of what
   * exists.
   */
  public Outcome down(String project, Optional<LoadedProject> loaded, DownOptions options, boolean dryRun,
      Consumer<EngineEvent> events) {
    ObservedSnapshot observed = ObservedSnapshot.take(runtime, project);
    DesiredProject desired = loaded.map(this::desired).orElseGet(() -> LabelledProject.of(observed));
    return run(Planner.planDown(desired, observed, options), dryRun, events, Map.of());
  }

  /** {@code start}: starts the created or exited containers of the services, dependencies first. */
  public Outcome start(String project, Set<String> services, boolean dryRun, Consumer<EngineEvent> events) {
    Plan plan = ordered(project, services, false, "start", c -> c.state().status().isActive() ? List.of()
        : List.of(new Operation.StartContainer(c.name())));
    return run(plan, dryRun, events, Map.of());
  }

  /** {@code stop}: stops the running containers of the services, dependents first. */
  public Outcome stop(String project, Set<String> services, Optional<Duration> timeout, boolean dryRun,
      Consumer<EngineEvent> events) {
    Plan plan = ordered(project, services, true, "stop", c -> c.state().status().isActive()
        ? List.of(new Operation.StopContainer(c.name(), timeout.orElse(DEFAULT_TIMEOUT))) : List.of());
    return run(plan, dryRun, events, Map.of());
  }

  /** {@code restart}: stops then starts every container of the services, dependencies first. */
  public Outcome restart(String project, Set<String> services, Optional<Duration> timeout, boolean dryRun,
      Consumer<EngineEvent> events) {
    Plan plan = ordered(project, services, false, "restart", c -> {
      List<Operation> ops = new ArrayList<>();
      if (c.state().status().isActive()) {
        ops.add(new Operation.StopContainer(c.name(), timeout.orElse(DEFAULT_TIMEOUT)));
      }
      ops.add(new Operation.StartContainer(c.name()));
      return ops;
    });
    return run(plan, dryRun, events, Map.of());
  }

  /**
   * {@code rm}: removes stopped containers of the services, dependents first; with {@code stopFirst} stops running
   * ones first (else they are left alone).
   */
  public Outcome rm(String project, Set<String> services, boolean stopFirst, boolean removeVolumes,
      Optional<Duration> timeout, boolean dryRun, Consumer<EngineEvent> events) {
    Plan plan = ordered(project, services, true, "rm", c -> {
      if (!c.state().status().isActive()) {
        return List.of(new Operation.RemoveContainer(c.name(), removeVolumes));
      }
      if (!stopFirst) {
        return List.of();
      }
      return List.of(new Operation.StopContainer(c.name(), timeout.orElse(DEFAULT_TIMEOUT)),
          new Operation.RemoveContainer(c.name(), removeVolumes));
    });
    return run(plan, dryRun, events, Map.of());
  }

  /**
   * A plan applying {@code ops} to each service container of the services (all when empty), in dependency order
   * from the containers' labels: a container's operations run in sequence, after those of the related services
   * (dependencies when starting, dependents when {@code stopping}).
   */
  private Plan ordered(String project, Set<String> services, boolean stopping, String cause,
      Function<ContainerSummary, List<Operation>> ops) {
    ObservedSnapshot observed = ObservedSnapshot.take(runtime, project);
    DependencyGraph graph = DependencyGraph.of(LabelledProject.of(observed));
    List<PlanStep> steps = new ArrayList<>();
    Map<String, List<Integer>> lastSteps = new HashMap<>();
    for (String service : stopping ? graph.stopOrder() : graph.startOrder()) {
      if (!services.isEmpty() && !services.contains(service)) {
        continue;
      }
      List<Integer> after = new ArrayList<>();
      (stopping ? graph.dependentsOf(service) : graph.dependenciesOf(service))
          .forEach(r -> after.addAll(lastSteps.getOrDefault(r, List.of())));
      List<Integer> mine = new ArrayList<>();
      for (ContainerSummary c : observed.containersOf(service)) {
        List<Integer> previous = after;
        for (Operation op : ops.apply(c)) {
          PlanStep step = new PlanStep(steps.size() + 1, op, cause, previous, Optional.empty());
          steps.add(step);
          previous = List.of(step.id());
        }
        if (previous != after) {
          mine.addAll(previous);
        }
      }
      lastSteps.put(service, mine);
    }
    return new Plan(steps, List.of());
  }

  /** {@code kill}: sends {@code signal} to the running containers; returns their names. */
  public List<String> kill(String project, Set<String> services, String signal) {
    return each(project, services, c -> c.state().status().isActive(), c -> runtime.kill(c.id(), signal));
  }

  public List<String> pause(String project, Set<String> services) {
    return each(project, services, c -> c.state().status() == ContainerStatus.RUNNING, c -> runtime.pause(c.id()));
  }

  public List<String> unpause(String project, Set<String> services) {
    return each(project, services, c -> c.state().status() == ContainerStatus.PAUSED, c -> runtime.unpause(c.id()));
  }

  /** {@code ps}: the containers of the services (one-offs included), running only unless {@code all}. */
  public List<ContainerSummary> ps(String project, Set<String> services, boolean all) {
    return containers(project, services, false).stream()
        .filter(c -> all || c.state().status().isActive()).toList();
  }

  /** {@code ls}: every project found by its labels, by name; only running ones unless {@code all}. */
  public List<ProjectSummary> ls(boolean all) {
    Map<String, List<ContainerSummary>> byProject = new TreeMap<>();
    for (ContainerSummary c : runtime.list(LabelSelector.all().andPresent(ComposeLabels.PROJECT))) {
      byProject.computeIfAbsent(c.label(ComposeLabels.PROJECT), k -> new ArrayList<>()).add(c);
    }
    List<ProjectSummary> out = new ArrayList<>();
    byProject.forEach((name, containers) -> {
      Map<String, Long> counts = containers.stream().collect(Collectors.groupingBy(
          c -> c.state().status().name().toLowerCase(java.util.Locale.ROOT), TreeMap::new, Collectors.counting()));
      if (!all && !counts.containsKey("running")) {
        return;
      }
      String status = counts.entrySet().stream().map(e -> e.getKey() + "(" + e.getValue() + ")")
          .collect(Collectors.joining(", "));
      String files = containers.stream().map(c -> c.label(ProjectTranslator.CONFIG_FILES))
          .filter(Objects::nonNull).findFirst().orElse("");
      out.add(new ProjectSummary(name, status, files));
    });
    return out;
  }

  /**
   * {@code logs}: the lines of every container of the services, container by container (in name order); with
   * {@code options.follow()} one reader per container until all streams end or the thread is interrupted.
   */
  public void logs(String project, Set<String> services, LogOptions options, Consumer<LogLine> lines)
      throws InterruptedException {
    List<ContainerSummary> containers = containers(project, services, false);
    if (!options.follow()) {
      for (ContainerSummary c : containers) {
        try (LogStream stream = runtime.logs(c.id(), options)) {
          stream.forEachRemaining(e -> lines.accept(new LogLine(service(c), c.name(), e)));
        }
      }
      return;
    }
    List<Thread> readers = new ArrayList<>();
    List<LogStream> streams = new ArrayList<>();
    for (ContainerSummary c : containers) {
      LogStream stream = runtime.logs(c.id(), options);
      streams.add(stream);
      Thread t = new Thread(() -> stream.forEachRemaining(e -> {
        synchronized (lines) {
          lines.accept(new LogLine(service(c), c.name(), e));
        }
      }), "berth-logs-" + c.name());
      t.setDaemon(true);
      t.start();
      readers.add(t);
    }
    try {
      for (Thread t : readers) {
        t.join();
      }
    } finally {
      streams.forEach(LogStream::close);
    }
  }

  /** {@code images}: the image of every container of the project. */
  public List<ContainerImage> images(String project, Set<String> services) {
    List<ContainerImage> out = new ArrayList<>();
    for (ContainerSummary c : containers(project, services, false)) {
      Optional<ImageSummary> image;
      try {
        image = Optional.of(runtime.inspectImage(c.image()));
      } catch (RuntimeOperationException e) {
        image = Optional.empty();
      }
      out.add(new ContainerImage(c.name(), service(c), c.image().value(), image.map(ImageSummary::id).orElse(""),
          image.map(ImageSummary::size).orElse(0L)));
    }
    return out;
  }

  /** {@code exec}: runs {@code spec} in replica {@code index} (1-based) of {@code service}. */
  public ExecResult exec(String project, String service, int index, ExecSpec spec) {
    ContainerSummary c = replica(project, service, index);
    return runtime.exec(c.id(), spec);
  }

  /** {@code port}: the published address of {@code privatePort/protocol} of replica {@code index}. */
  public Optional<String> port(LoadedProject loaded, String service, int privatePort, String protocol, int index) {
    DesiredProject desired = translator.translate(loaded);
    replica(desired.name(), service, index);
    DesiredService s = desired.service(service).orElseThrow(() -> new PlanningException("no such service: "
        + service));
    for (PortBinding p : s.template().ports()) {
      if (p.containerPort() == privatePort && p.protocol().equals(protocol)) {
        return Optional.of((p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + p.hostPort());
      }
    }
    return Optional.empty();
  }

  /** {@code wait}: blocks until every container of the services has stopped; their exit codes by name. */
  public Map<String, Integer> waitFor(String project, Set<String> services) throws InterruptedException {
    Map<String, Integer> codes = new LinkedHashMap<>();
    for (ContainerSummary c : containers(project, services, true)) {
      codes.put(c.name(), runtime.waitForExit(c.id()));
    }
    return codes;
  }

  /**
   * {@code run}: a one-off container {@code <project>-<service>-run-<12 hex>} (or {@code name}); dependencies are
   * brought up first unless {@code noDeps}. Attached, waits for its exit and returns its output.
   */
  public RunResult run(LoadedProject loaded, RunRequest request, Consumer<EngineEvent> events)
      throws InterruptedException {
    DesiredProject desired = desired(loaded);
    DesiredService service = desired.service(request.service())
        .orElseThrow(() -> new PlanningException("no such service: " + request.service()));
    Set<String> deps = new LinkedHashSet<>();
    service.dependsOn().forEach(d -> deps.add(d.service()));
    if (!request.noDeps() && !deps.isEmpty()) {
      Outcome up = up(loaded, UpRequest.of(PlanOptions.defaults().withServices(deps)), events);
      if (!up.succeeded()) {
        throw new PlanningException("dependencies of " + request.service() + " failed to start");
      }
    }
    ensureResources(desired, service.template());
    ContainerSpec spec = oneOff(desired.name(), service, request);
    ContainerId id = runtime.create(spec);
    runtime.start(id);
    if (request.detach()) {
      return new RunResult(spec.name(), 0, List.of());
    }
    int code = runtime.waitForExit(id);
    List<String> output = new ArrayList<>();
    try (LogStream logs = runtime.logs(id, LogOptions.ALL)) {
      logs.forEachRemaining(e -> output.add(e.line()));
    }
    if (request.remove()) {
      runtime.remove(id, true, true);
    }
    return new RunResult(spec.name(), code, output);
  }

  private ContainerSpec oneOff(String project, DesiredService service, RunRequest request) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String slug = HexFormat.of().formatHex(random);
    String name = request.name().orElse(project + "-" + service.name() + "-run-" + slug.substring(0, 12));
    ContainerSpec template = service.template();
    Map<String, String> labels = new LinkedHashMap<>(template.labels());
    labels.put(ComposeLabels.PROJECT, project);
    labels.put(ComposeLabels.SERVICE, service.name());
    labels.put(ComposeLabels.ONEOFF, "True");
    labels.put(ComposeLabels.SLUG, slug);
    labels.put(ComposeLabels.CONTAINER_NUMBER, "1");
    Map<String, String> env = new LinkedHashMap<>(template.env());
    env.putAll(new TreeMap<>(request.env()));
    ContainerSpec.Builder b = template.toBuilder().name(name).labels(labels).env(env);
    if (!request.command().isEmpty()) {
      b.command(request.command());
    }
    request.entrypoint().ifPresent(b::entrypoint);
    request.user().ifPresent(b::user);
    request.workingDir().ifPresent(b::workingDir);
    b.ports(List.of());
    List<NetworkAttachment> networks = new ArrayList<>();
    for (NetworkAttachment n : template.networks()) {
      networks.add(new NetworkAttachment(n.network(), List.of(), n.ipv4Address(), n.ipv6Address(),
          Optional.empty()));
    }
    b.networks(networks);
    return b.build();
  }

  /** Creates the project networks and volumes the one-off container needs when they are missing. */
  private void ensureResources(DesiredProject desired, ContainerSpec template) {
    Set<String> networks = template.networks().stream().map(NetworkAttachment::network).collect(Collectors.toSet());
    Set<String> volumes = template.mounts().stream()
        .filter(m -> m instanceof dev.berth.runtime.Mount.Volume v && !v.anonymous())
        .map(m -> ((dev.berth.runtime.Mount.Volume) m).name().get()).collect(Collectors.toSet());
    Plan plan = Planner.plan(new DesiredProject(desired.name(), List.of(), desired.networks().stream()
            .filter(n -> networks.contains(n.name())).toList(),
        desired.volumes().stream().filter(v -> volumes.contains(v.name())).toList()),
        ObservedSnapshot.take(runtime, desired.name()), PlanOptions.defaults());
    List<PlanStep> creates = plan.steps().stream()
        .filter(s -> s.operation() instanceof Operation.CreateNetwork || s.operation() instanceof Operation.CreateVolume)
        .toList();
    for (PlanStep s : creates) {
      if (s.operation() instanceof Operation.CreateNetwork n) {
        runtime.createNetwork(n.spec());
      } else if (s.operation() instanceof Operation.CreateVolume v) {
        runtime.createVolume(v.spec());
      }
    }
  }

  private Outcome run(Plan plan, boolean dryRun, Consumer<EngineEvent> events, Map<String, ReadinessProbe> probes) {
    if (dryRun) {
      return new Outcome(plan, Optional.empty(), List.of());
    }
    return new Outcome(plan, Optional.of(executor(probes).execute(plan, events)), List.of());
  }

  private PlanExecutor executor(Map<String, ReadinessProbe> probes) {
    return new PlanExecutor(runtime, clock, executorOptions.withProbes(probes));
  }

  /** Containers of the project (service containers only when {@code servicesOnly}), in name order. */
  private List<ContainerSummary> containers(String project, Set<String> services, boolean servicesOnly) {
    List<ContainerSummary> out = new ArrayList<>();
    for (ContainerSummary c : runtime.list(LabelSelector.of(ComposeLabels.PROJECT, project))) {
      if (servicesOnly && ObservedSnapshot.isOneOff(c)) {
        continue;
      }
      if (services.isEmpty() || services.contains(service(c))) {
        out.add(c);
      }
    }
    return out;
  }

  private ContainerSummary replica(String project, String service, int index) {
    return containers(project, Set.of(service), true).stream()
        .filter(c -> ObservedSnapshot.number(c) == index).findFirst()
        .orElseThrow(() -> new PlanningException("service " + service + " has no container number " + index
            + " (is the project up?)"));
  }

  private List<String> each(String project, Set<String> services,
      java.util.function.Predicate<ContainerSummary> applies, Consumer<ContainerSummary> action) {
    List<String> done = new ArrayList<>();
    for (ContainerSummary c : containers(project, services, true)) {
      if (applies.test(c)) {
        action.accept(c);
        done.add(c.name());
      }
    }
    return done;
  }

  private static String service(ContainerSummary c) {
    String s = c.label(ComposeLabels.SERVICE);
    return s == null ? "" : s;
  }
}
