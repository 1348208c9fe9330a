package dev.berth.runtime;

import java.time.Duration;
import java.util.List;

/**
 * One method per container-runtime operation, in container terms only. Every method either succeeds or throws a
 * {@link RuntimeOperationException} subtype: {@link NotFoundException}, {@link ConflictException},
 * {@link InvalidStateException}, {@link UnsupportedOperationRuntimeException} or
 * {@link RuntimeUnavailableException}. Implementations must be safe for concurrent use.
 *
 * <p>Contract details every implementation honours (checked by the runtime TCK):
 * <ul>
 *   <li>container, network and volume names are unique; creating a duplicate is a {@link ConflictException};
 *   <li>a container's networks and named volumes must exist when it is created (no implicit creation);
 *   <li>stopping a container that is not running, or starting one that is running, does nothing;
 *   <li>removing a running container without {@code force} is a {@link ConflictException};
 *   <li>removing a network with attached containers or a volume used by a container is a
 *       {@link ConflictException}.
 * </ul>
 */
public interface ContainerRuntime extends AutoCloseable {

  /** Creates a container in state {@link ContainerStatus#CREATED}. */
  ContainerId create(ContainerSpec spec);

  void start(ContainerId id);

  /** Sends the stop signal, then kills after {@code timeout}. */
  void stop(ContainerId id, Duration timeout);

  /** Sends {@code signal} (e.g. {@code SIGKILL}) to the main process; the container must be running. */
  void kill(ContainerId id, String signal);

  void restart(ContainerId id, Duration timeout);

  void pause(ContainerId id);

  void unpause(ContainerId id);

  /**
   * Removes a container; {@code force} kills it first if running, {@code removeVolumes} also removes its anonymous
   * volumes.
   */
  void remove(ContainerId id, boolean force, boolean removeVolumes);

  void rename(ContainerId id, String newName);

  /** Blocks until the container is not running and returns its exit code. */
  int waitForExit(ContainerId id) throws InterruptedException;

  ContainerSummary inspect(ContainerId id);

  /** Containers in every state whose labels match, sorted by name. */
  List<ContainerSummary> list(LabelSelector selector);

  LogStream logs(ContainerId id, LogOptions options);

  /** Runs a process in a running container and waits for it; its output is captured, it gets no stdin. */
  ExecResult exec(ContainerId id, ExecSpec spec);

  // ---- interactive sessions (docker exec -i/-t, docker attach) ---------------------------------------------

  /**
   * Starts a process in a running container with its standard streams connected to the returned session: stdin when
   * {@link ExecSpec#stdin()}, a terminal when {@link ExecSpec#tty()}. The process's exit code comes from
   * {@link ProcessSession#awaitExit()}.
   *
   * @throws InvalidStateException when the container is not running
   * @throws UnsupportedOperationRuntimeException when this runtime cannot give an exec'd process a terminal or
   *     stdin (the message says which, and what to do instead)
   */
  default ProcessSession startExec(ContainerId id, ExecSpec spec) {
    throw new UnsupportedOperationRuntimeException("exec in", id.value(), getClass().getSimpleName()
        + " has no interactive exec sessions; run the command without -i/-t");
  }

  /**
   * Connects to the standard streams of a container's main process: its output from now on and, with
   * {@link AttachSpec#stdin()}, its stdin. The container may be created but not started yet, as {@code docker run}
   * attaches before it starts, so that no output is missed; then the session delivers output once it starts.
   * Whether there is a terminal is the container's {@link ContainerSpec#tty()}. {@link ProcessSession#awaitExit()}
   * waits for the container to stop.
   *
   * @throws InvalidStateException when {@code spec} asks for stdin and the container was not created with
   *     {@link ContainerSpec#stdinOpen()}
   * @throws UnsupportedOperationRuntimeException when this runtime cannot attach so (the message says why)
   */
  default ProcessSession attach(ContainerId id, AttachSpec spec) {
    throw new UnsupportedOperationRuntimeException("attach to", id.value(), getClass().getSimpleName()
        + " cannot attach to containers; follow their output with logs -f instead");
  }

  NetworkSummary createNetwork(NetworkSpec spec);

  NetworkSummary inspectNetwork(String name);

  void removeNetwork(String name);

  void connect(ContainerId id, NetworkAttachment attachment);

  void disconnect(ContainerId id, String network, boolean force);

  /** Networks whose labels match, sorted by name. */
  List<NetworkSummary> listNetworks(LabelSelector selector);

  VolumeSummary createVolume(VolumeSpec spec);

  VolumeSummary inspectVolume(String name);

  void removeVolume(String name, boolean force);

  /** Volumes whose labels match, sorted by name. */
  List<VolumeSummary> listVolumes(LabelSelector selector);

  ImageSummary inspectImage(ImageRef image);

  List<ImageSummary> listImages();

  void removeImage(ImageRef image, boolean force);

  void tagImage(ImageRef source, ImageRef target);

  /**
   * Loads the images of an archive in {@code docker save} format (the embedded engine also reads OCI layouts) and
   * returns the references the archive tags, in its order.
   */
  List<ImageRef> loadImages(java.nio.file.Path archive);

  /**
   * Builds an image from a Dockerfile and tags it with every tag of {@code spec}; returns the image id
   * ({@code sha256:...}). Images the Dockerfile names that the runtime lacks (all of them with {@code spec.pull()})
   * are pulled with {@code credentials} for their registry, ahead of the runtime's own. Progress goes to
   * {@code progress} on the calling thread or the runtime's own.
   *
   * @throws BuildFailedException when the context, the Dockerfile or a step is wrong (with the Dockerfile line)
   * @throws UnsupportedOperationRuntimeException when the runtime cannot honour an attribute of {@code spec}
   */
  ImageRef build(BuildSpec spec, BuildCredentials credentials, java.util.function.Consumer<BuildEvent> progress);

  /**
   * Builds as {@link #build(BuildSpec, BuildCredentials, java.util.function.Consumer)} with the runtime's own
   * credentials for every registry.
   */
  default ImageRef build(BuildSpec spec, java.util.function.Consumer<BuildEvent> progress) {
    return build(spec, BuildCredentials.NONE, progress);
  }

  /** Writes {@code images} to {@code archive} in {@code docker save} format, so that any runtime can load them. */
  void saveImages(List<ImageRef> images, java.nio.file.Path archive);

  // ---- processes, events and archives (docker top, events, cp) ----------------------------------------------

  /**
   * The processes of a running container, with {@link ProcessList#PS_EF_TITLES} columns at least.
   *
   * @throws InvalidStateException when the container is not running
   */
  ProcessList top(ContainerId id);

  /**
   * Delivers the events that match {@code query} to {@code consumer}, in the order they happened, on a thread of the
   * runtime's, until the returned subscription ends. Container events: {@code create}, {@code start}, {@code die}
   * (with {@code exitCode}), {@code stop}, {@code kill} (with {@code signal}), {@code destroy},
   * {@code health_status: STATUS}, {@code oom}, {@code pause}, {@code unpause}, {@code rename} (with
   * {@code oldName}); network and volume {@code create} and {@code destroy}.
   */
  EventSubscription events(EventQuery query, java.util.function.Consumer<RuntimeEvent> consumer);

  /**
   * Extracts {@code tar} into the directory {@code containerDir} of the container, running or not, as Docker's
   * {@code PUT /containers/{id}/archive} does; the container's volumes and binds are written through. Entries get
   * the uid and gid the archive gives them (the caller decides ownership, as {@code docker cp -a} does).
   *
   * @throws NotFoundException when {@code containerDir} does not exist or is not a directory
   */
  void copyToContainer(ContainerId id, java.nio.file.Path containerDir, java.io.InputStream tar);

  /**
   * The file or directory at {@code containerPath} of the container, running or not, as a tar stream and its stat,
   * as Docker's {@code GET /containers/{id}/archive} does. Symbolic links inside the path are resolved within the
   * container's root, never the host's; a link as the last component is archived as the link itself.
   *
   * @throws NotFoundException when the path does not exist
   */
  ContainerArchive copyFromContainer(ContainerId id, java.nio.file.Path containerPath);

  /**
   * Pulls {@code image} from its registry for {@code platform} ({@code os/arch[/variant]}; empty means the host's),
   * reporting progress to {@code events} (possibly from several threads), and tags it locally. Pulling an image that
   * is up to date downloads nothing. Concurrent pulls of the same reference may share one transfer.
   *
   * {@code credentials}, when given, are used for the registry the reference names ahead of the runtime's own
   * (its engine's {@code config.json}); empty leaves the choice to the runtime.
   *
   * @throws NotFoundException when the registry has no such repository or tag
   * @throws RegistryAccessException when the registry is unreachable, refuses the credentials or serves corrupt
   *     content; nothing of the image is tagged then
   */
  void pullImage(ImageRef image, java.util.Optional<String> platform,
      java.util.Optional<RegistryCredentials> credentials, java.util.function.Consumer<PullEvent> events);

  /** Pulls with the runtime's own credentials; see {@link #pullImage(ImageRef, java.util.Optional,
   * java.util.Optional, java.util.function.Consumer)}. */
  default void pullImage(ImageRef image, java.util.Optional<String> platform,
      java.util.function.Consumer<PullEvent> events) {
    pullImage(image, platform, java.util.Optional.empty(), events);
  }

  /** Pulls for the host's platform with the runtime's own credentials. */
  default void pullImage(ImageRef image, java.util.function.Consumer<PullEvent> events) {
    pullImage(image, java.util.Optional.empty(), java.util.Optional.empty(), events);
  }

  /**
   * When this runtime last pulled {@code image} (or found it up to date in its registry); empty when unknown. The
   * periodic pull policies ({@code daily}, {@code every_12h}) pull when it is unknown.
   */
  default java.util.Optional<java.time.Instant> lastPulled(ImageRef image) {
    return java.util.Optional.empty();
  }

  /**
   * Pushes the local image tagged {@code image} to the registry and repository the reference names.
   *
   * {@code credentials} as for {@link #pullImage}.
   *
   * @throws NotFoundException when no local image has that tag
   * @throws RegistryAccessException as for {@link #pullImage}
   */
  void pushImage(ImageRef image, java.util.Optional<RegistryCredentials> credentials,
      java.util.function.Consumer<PushEvent> events);

  /** Pushes with the runtime's own credentials. */
  default void pushImage(ImageRef image, java.util.function.Consumer<PushEvent> events) {
    pushImage(image, java.util.Optional.empty(), events);
  }

  /**
   * What is at {@code containerPath} (a link as the last component is reported as the link), as Docker's
   * {@code HEAD /containers/{id}/archive} does. The default opens the archive and closes it at once; runtimes that
   * build the archive before answering should override it.
   *
   * @throws NotFoundException when the path does not exist
   */
  default PathStat statPath(ContainerId id, java.nio.file.Path containerPath) {
    try (ContainerArchive archive = copyFromContainer(id, containerPath)) {
      return archive.stat();
    }
  }

  /**
   * Containers, networks and volumes matching {@code selector}. The default lists the three separately; runtimes
   * that can take the snapshot atomically should override it.
   */
  default RuntimeSnapshot snapshot(LabelSelector selector) {
    return new RuntimeSnapshot(list(selector), listNetworks(selector), listVolumes(selector));
  }

  /** Releases client resources; containers keep running. */
  @Override
  default void close() {}
}
