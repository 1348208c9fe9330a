package dev.berth.engine.compose;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.execute.PlanExecutor;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.Operation;
import dev.berth.engine.plan.Plan;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.engine.plan.PlanStep;
import dev.berth.engine.plan.Planner;
import dev.berth.engine.plan.PlanningException;
import dev.berth.model.load.LoadedProject;
import dev.berth.runtime.AttachSpec;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code run}: one one-off container {@code <project>-<service>-run-<12 hex>} (or the requested name), as
 * {@code docker compose run} makes it. In order: the service is changed by the request's {@link OneOffSettings};
 * its image is built or pulled as needed ({@link OneOffImageSource}); its dependencies are brought up unless
 * {@code noDeps}; missing project networks and volumes are created; the container is created with the
 * {@code com.docker.compose.oneoff=True} label and started. Attached, its output is handed over line by line as it
 * is produced until it exits, and its exit code returned; or, with a {@link RunAttachment}, the container is
 * attached to before it starts and the attachment's driver runs the session (stdin, terminal).
 */
final class OneOffRunner {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Brings up the dependencies: {@link ComposeEngine#up}. */
  interface DependencyStarter {
    Outcome up(LoadedProject loaded, UpRequest request, Consumer<EngineEvent> events) throws InterruptedException;
  }

  private final ContainerRuntime runtime;
  private final Function<LoadedProject, DesiredProject> desired;
  private final DependencyStarter dependencies;
  private final OneOffImageSource images;

  OneOffRunner(ContainerRuntime runtime, Function<LoadedProject, DesiredProject> desired,
      DependencyStarter dependencies, PlanExecutor executor, Clock clock) {
    this.runtime = runtime;
    this.desired = desired;
    this.dependencies = dependencies;
    this.images = new OneOffImageSource(runtime, executor, clock);
  }

  RunResult run(LoadedProject loaded, RunRequest request, Consumer<EngineEvent> events, Consumer<LogEntry> output)
      throws InterruptedException {
    ContainerSpec spec = prepare(loaded, request, events);
    ContainerId id = runtime.create(spec);
    runtime.start(id);
    if (request.detach()) {
      return new RunResult(spec.name(), 0);
    }
    try (LogStream logs = runtime.logs(id, LogOptions.ALL.withFollow(true))) {
      while (logs.hasNext()) {
        output.accept(logs.next());
        if (Thread.interrupted()) {
          throw new InterruptedException("run " + spec.name() + " interrupted");
        }
      }
    }
    return finish(id, spec.name(), request);
  }

  /**
   * An attached run with its streams connected: the container is attached to before it starts, {@code attachment}'s
   * driver runs the session, and unless the user detached, the exit code is returned (and the container removed with
   * {@code remove}). A detached request runs as {@link #run(LoadedProject, RunRequest, Consumer, Consumer)} does.
   */
  RunResult run(LoadedProject loaded, RunRequest request, Consumer<EngineEvent> events, RunAttachment attachment)
      throws InterruptedException {
    if (request.detach()) {
      return run(loaded, request, events, line -> { });
    }
    ContainerSpec prepared = prepare(loaded, request, events);
    ContainerSpec spec = prepared.toBuilder().stdinOnce(prepared.stdinOpen() && attachment.stdin())
        .consoleSize(prepared.tty() ? attachment.terminalSize() : Optional.empty()).build();
    ContainerId id = createSized(spec);
    ProcessSession session;
    try {
      session = attach(id, attachment);
    } catch (RuntimeException e) {
      runtime.remove(id, true, true);
      throw e;
    }
    SessionDriver.End end;
    try (session) {
      runtime.start(id);
      end = attachment.driver().drive(session);
    }
    if (end == SessionDriver.End.DETACHED) {
      return new RunResult(spec.name(), 0);
    }
    return finish(id, spec.name(), request);
  }

  /**
   * Creates the one-off; a runtime that cannot size a terminal at create gets it without a size (the session driver
   * sizes it once it runs, as it does whenever the user's terminal changes).
   */
  private ContainerId createSized(ContainerSpec spec) {
    try {
      return runtime.create(spec);
    } catch (UnsupportedOperationRuntimeException e) {
      if (spec.consoleSize().isEmpty()) {
        throw e;
      }
      return runtime.create(spec.toBuilder().consoleSize(Optional.empty()).build());
    }
  }

  /** Everything before the container is created: settings, image, dependencies, networks and volumes; its spec. */
  private ContainerSpec prepare(LoadedProject loaded, RunRequest request, Consumer<EngineEvent> events)
      throws InterruptedException {
    if (!loaded.project().services().containsKey(request.service())) {
      throw new PlanningException("no such service: " + request.service() + " (the services are: "
          + String.join(", ", loaded.project().services().keySet()) + ")");
    }
    LoadedProject oneOff = OneOffProject.of(loaded, request.service(), request.settings());
    DesiredProject project = desired.apply(oneOff);
    DesiredService service = project.service(request.service()).orElseThrow();
    images.ensure(oneOff.project(), project, service, request.image(), events);
    Set<String> deps = new LinkedHashSet<>();
    service.dependsOn().forEach(d -> deps.add(d.service()));
    if (!request.noDeps() && !deps.isEmpty()) {
      Outcome up = dependencies.up(loaded, UpRequest.of(PlanOptions.defaults().withServices(deps)), events);
      if (!up.succeeded()) {
        throw new PlanningException("dependencies of " + request.service() + " failed to start; see the errors"
            + " above, or run with --no-deps");
      }
    }
    ensureResources(project, service.template());
    return spec(project.name(), service, request);
  }

  /** With stdin when asked; without when the runtime cannot forward it and the user did not insist. */
  private ProcessSession attach(ContainerId id, RunAttachment attachment) {
    AttachSpec spec = new AttachSpec(attachment.stdin(), attachment.detachKeys());
    try {
      return runtime.attach(id, spec);
    } catch (UnsupportedOperationRuntimeException e) {
      if (!attachment.stdin() || attachment.stdinRequired()) {
        throw e;
      }
      return runtime.attach(id, spec.withStdin(false));
    }
  }

  private RunResult finish(ContainerId id, String name, RunRequest request) throws InterruptedException {
    int code = runtime.waitForExit(id);
    if (request.remove()) {
      runtime.remove(id, true, true);
    }
    return new RunResult(name, code);
  }

  /** The one-off's spec: the service's template renamed and relabelled, with the request's overrides. */
  static ContainerSpec spec(String project, DesiredService service, RunRequest request) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    // Compose's slug: 64 hex digits on the label, the first 12 end the name
    String slug = java.util.HexFormat.of().formatHex(random);
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
    if (!request.settings().useAliases()) {
      List<NetworkAttachment> networks = new ArrayList<>();
      for (NetworkAttachment n : template.networks()) {
        networks.add(new NetworkAttachment(n.network(), List.of(), n.ipv4Address(), n.ipv6Address(),
            n.macAddress(), n.links(), n.priority(), n.gwPriority()));
      }
      b.networks(networks);
    }
    return b.build();
  }

  /** Creates the project networks and volumes the one-off container needs when they are missing. */
  private void ensureResources(DesiredProject project, ContainerSpec template) {
    Set<String> networks = template.networks().stream().map(NetworkAttachment::network).collect(Collectors.toSet());
    Set<String> volumes = template.mounts().stream()
        .filter(m -> m instanceof Mount.Volume v && !v.anonymous())
        .map(m -> ((Mount.Volume) m).name().get()).collect(Collectors.toSet());
    DesiredProject needed = new DesiredProject(project.name(), List.of(),
        project.networks().stream().filter(n -> networks.contains(n.spec().name())).toList(),
        project.volumes().stream().filter(v -> volumes.contains(v.spec().name())).toList());
    Plan plan = Planner.plan(needed, ObservedSnapshot.take(runtime, project.name()), PlanOptions.defaults());
    for (PlanStep s : plan.steps()) {
      if (s.operation() instanceof Operation.CreateNetwork n) {
        runtime.createNetwork(n.spec());
      } else if (s.operation() instanceof Operation.CreateVolume v) {
        runtime.createVolume(v.spec());
      }
    }
  }
}
