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
import dev.berth.engine.pull.ImagePull;
import dev.berth.engine.pull.PullDecider;
import dev.berth.engine.pull.PullPolicy;
import dev.berth.model.load.LoadedProject;
import dev.berth.runtime.AttachSpec;
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
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.RuntimeOperationException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  /**
   * The desired state of {@code loaded}, with image digests of images the runtime has (each image asked for once:
   * services often share one).
   */
  public DesiredProject desired(LoadedProject loaded) {
    DesiredProject d = translator.translate(loaded);
    Map<dev.berth.runtime.ImageRef, String> ids = new HashMap<>();
    List<DesiredService> services = new ArrayList<>();
    for (DesiredService s : d.services()) {
      services.add(s.withImageDigest(ids.computeIfAbsent(s.template().image(),
          image -> imageId(s.template()).orElse(""))));
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

  /**
   * {@code up} (and, with {@code plan.noStart()}, {@code create}): pulls what the services' pull policies ask for,
   * then builds what their build policy asks for, each time planning again so that the containers are planned
   * against the new image ids (which decide recreation).
   */
  public Outcome up(LoadedProject loaded, UpRequest request, Consumer<EngineEvent> events)
      throws InterruptedException {
    DesiredProject desired = scaled(desired(loaded), request.scale());
    Set<String> scope = ImageTransferPlanning.selected(desired, request.plan().services(), !request.plan().noDeps());
    List<ImagePull> pulls = PullDecider.decide(ImageTransferPlanning.candidates(loaded.project(), desired, scope,
        PullPolicy::parse, runtime::lastPulled), request.pull(), clock.instant());
    if (request.dryRun()) {
      Plan plan = Planner.plan(desired, ObservedSnapshot.take(runtime, desired.name()), request.plan(), pulls);
      return new Outcome(plan, Optional.empty(), List.of());
    }
    if (!pulls.isEmpty()) {
      Plan pullPlan = Planner.planPulls(pulls);
      ExecutionResult pulled = executor(Map.of()).execute(pullPlan, events);
      if (!pulled.succeeded()) {
        return new Outcome(pullPlan, Optional.of(pulled), List.of());
      }
      desired = scaled(desired(loaded), request.scale());
    }
    Plan plan = Planner.plan(desired, ObservedSnapshot.take(runtime, desired.name()), request.plan());
    Plan builds = plan.leading(Operation.BuildImage.class);
    if (!builds.isEmpty()) {
      ExecutionResult built = executor(Map.of()).execute(builds, events);
      if (!built.succeeded()) {
        return new Outcome(builds, Optional.of(built), List.of());
      }
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
   * {@code build}: builds the images of the requested services (all when none) that have a {@code build:} section,
   * each image once and independent images in parallel; with {@code withDependencies} also those of their
   * dependencies. The overrides apply to every build. With {@code push}, each built image whose service names it
   * ({@code image:}) is pushed once its build succeeded, as {@code docker compose build --push}.
   */
  public Outcome build(LoadedProject loaded, BuildRequest request, Consumer<EngineEvent> events) {
    // every selected build runs, so the images' current ids (an inspect per service) are not needed
    DesiredProject d = translator.translate(loaded);
    List<DesiredService> overridden = new ArrayList<>();
    for (DesiredService s : d.services()) {
      overridden.add(s.withBuild(s.build().map(b -> new dev.berth.engine.desired.ImageBuild(
          BuildSpecs.withOverrides(b.spec(), request.overrides()), b.always()))));
    }
    DesiredProject desired = new DesiredProject(d.name(), overridden, d.networks(), d.volumes(),
        d.disabledServices());
    Plan plan = Planner.planBuilds(desired, request.services(), request.withDependencies(), BuildPolicy.ALWAYS);
    if (request.push()) {
      plan = ImageTransferPlanning.withPushes(plan, loaded.project());
    }
    return run(plan, request.dryRun(), events, Map.of());
  }

  /**
   * {@code pull}: pulls the images of the selected services, one step per image (services sharing an image share
   * the step). Failed pulls do not stop the others; the outcome lists them.
   */
  public Outcome pull(LoadedProject loaded, PullRequest request, Consumer<EngineEvent> events) {
    DesiredProject desired = desired(loaded);
    Set<String> scope = ImageTransferPlanning.selected(desired, request.services(), request.includeDeps());
    List<ImagePull> pulls = PullDecider.decide(ImageTransferPlanning.candidates(loaded.project(), desired, scope,
        text -> {
          PullPolicy own = PullPolicy.parse(text);
          return own.kind() == PullPolicy.Kind.NEVER || own.kind() == PullPolicy.Kind.BUILD ? own : PullPolicy.ALWAYS;
        }, runtime::lastPulled), request.policy(), clock.instant());
    return run(Planner.planPulls(pulls), request.dryRun(), events, Map.of());
  }

  /**
   * {@code push}: pushes the images of the selected services that have a {@code build} section (or are named),
   * one step per image.
   */
  public Outcome push(LoadedProject loaded, Set<String> services, boolean dryRun, Consumer<EngineEvent> events) {
    DesiredProject desired = desired(loaded);
    Set<String> scope = ImageTransferPlanning.selected(desired, services, false);
    return run(ImageTransferPlanning.pushPlan(loaded.project(), desired, scope, services), dryRun, events, Map.of());
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

  /**
   * {@code exec -i/-t}: starts {@code spec} in replica {@code index} (1-based) of {@code service} with its streams
   * connected to the returned session.
   */
  public ProcessSession startExec(String project, String service, int index, ExecSpec spec) {
    return runtime.startExec(replica(project, service, index).id(), spec);
  }

  /**
   * {@code attach}: connects to the main process of replica {@code index} of {@code service}, which must be running.
   */
  public ProcessSession attach(String project, String service, int index, AttachSpec spec) {
    ContainerSummary c = replica(project, service, index);
    if (c.state().status() != ContainerStatus.RUNNING) {
      throw new PlanningException("cannot attach to " + c.name() + ": it is "
          + c.state().status().name().toLowerCase(java.util.Locale.ROOT) + "; start it first (berth start "
          + service + ")");
    }
    return runtime.attach(c.id(), spec);
  }

  /** Sends {@code signal} to replica {@code index} of {@code service} ({@code attach --sig-proxy}). */
  public void signal(String project, String service, int index, String signal) {
    runtime.kill(replica(project, service, index).id(), signal);
  }

  /**
   * {@code port}: the published address of {@code privatePort/protocol} of replica {@code index}: as the runtime
   * reports it for the running container (so an ephemeral port shows the port the runtime picked), else as
   * configured.
   */
  public Optional<String> port(LoadedProject loaded, String service, int privatePort, String protocol, int index) {
    DesiredProject desired = translator.translate(loaded);
    ContainerSummary container = replica(desired.name(), service, index);
    for (PortBinding p : container.ports()) {
      if (p.containerPort() == privatePort && p.protocol().equals(protocol)) {
        return Optional.of((p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + p.hostPort());
      }
    }
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
   * {@code run}: a one-off container of a service ({@link OneOffRunner}); attached, {@code output} receives its
   * lines as they are produced, and the result carries its exit code.
   */
  public RunResult run(LoadedProject loaded, RunRequest request, Consumer<EngineEvent> events,
      Consumer<LogEntry> output) throws InterruptedException {
    return new OneOffRunner(runtime, this::desired, this::up, executor(Map.of()), clock).run(loaded, request, events, output);
  }

  /**
   * {@code run -i/-t}: as {@link #run(LoadedProject, RunRequest, Consumer, Consumer)}, with the container's streams
   * connected through {@code attachment} ({@link RunAttachment}).
   */
  public RunResult run(LoadedProject loaded, RunRequest request, Consumer<EngineEvent> events,
      RunAttachment attachment) throws InterruptedException {
    return new OneOffRunner(runtime, this::desired, this::up, executor(Map.of()), clock).run(loaded, request, events,
        attachment);
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
