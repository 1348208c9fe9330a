package dev.berth.docker;

import static dev.berth.docker.DockerErrors.ConflictMeaning.CLASH;
import static dev.berth.docker.DockerErrors.ConflictMeaning.STATE;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.StreamType;
import dev.berth.docker.DockerErrors.ConflictMeaning;
import dev.berth.runtime.ConflictException;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.ImageSummary;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.InjectedFile;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumeSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link ContainerRuntime} over a Docker Engine, through docker-java. Stateless apart from the client: everything
 * is read back from the engine, so containers made by another client (e.g. {@code docker compose}) are seen too.
 *
 * <p>Where the Engine API is looser than the runtime contract, this class checks first: named volumes are never
 * created implicitly, a duplicate volume name is a conflict, and connecting a container twice to one network is a
 * conflict also while it is stopped.
 */
public final class DockerRuntime implements ContainerRuntime {
  private static final Duration KILL_SETTLE = Duration.ofSeconds(10);

  private final DockerClient client;
  private final String apiVersion;
  private final String engineVersion;
  private final DockerEndpoint endpoint;
  private final DockerBuilds builds;
  private final DockerImageTransfers transfers;
  private final DockerSessions sessions;

  private DockerRuntime(DockerClient client, String apiVersion, String engineVersion, DockerEndpoint endpoint,
      boolean berthEngine, Set<String> berthExtensions) {
    this.client = client;
    this.builds = new DockerBuilds(client, berthEngine ? new BerthContextBuilds(client, apiVersion,
        berthExtensions.contains(BerthContextBuilds.CONTEXT_DIR_PARAM)) : null);
    this.transfers = new DockerImageTransfers(client);
    this.sessions = new DockerSessions(client, endpoint, apiVersion);
    this.apiVersion = apiVersion;
    this.engineVersion = engineVersion;
    this.endpoint = endpoint;
  }

  /**
   * Connects to the engine at {@code endpoint} and negotiates the API version.
   *
   * @throws dev.berth.runtime.RuntimeUnavailableException when no engine answers there
   */
  public static DockerRuntime connect(DockerEndpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    try {
      DockerConnector.Connection c = DockerConnector.connect(endpoint, Duration.ofMinutes(10));
      return new DockerRuntime(c.client(), c.apiVersion(), c.engineVersion(), endpoint, c.berthEngine(),
          c.berthExtensions());
    } catch (RuntimeException e) {
      throw DockerErrors.translate("connect to", endpoint.host().toString(), e, CLASH);
    }
  }

  /** Connects to the engine named by the environment ({@link DockerEndpoint#fromEnvironment()}). */
  public static DockerRuntime connect() {
    return connect(DockerEndpoint.fromEnvironment());
  }

  /** The Engine API version in use, e.g. {@code 1.41}. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The engine's own version, e.g. {@code 20.10.24+dfsg1}. */
  public String engineVersion() {
    return engineVersion;
  }

  public DockerEndpoint endpoint() {
    return endpoint;
  }

  // ---- containers -------------------------------------------------------------------------------------------

  private static final com.github.dockerjava.core.RemoteApiVersion VOLUME_SUBPATH_API =
      com.github.dockerjava.core.RemoteApiVersion.create(1, 45);

  private boolean apiAtLeast(com.github.dockerjava.core.RemoteApiVersion version) {
    return com.github.dockerjava.core.RemoteApiVersion.parseConfig(apiVersion).isGreaterOrEqual(version);
  }

  /** Whether the engine sizes a container's terminal from {@code HostConfig.ConsoleSize} (API 1.42 on). */
  private boolean consoleSizeAtCreate() {
    return com.github.dockerjava.core.RemoteApiVersion.parseConfig(apiVersion)
        .isGreaterOrEqual(com.github.dockerjava.core.RemoteApiVersion.VERSION_1_42);
  }

  /** Whether the engine takes {@code EndpointSettings.GwPriority} (API 1.48, Docker 28, on). */
  private boolean gwPriorities() {
    return com.github.dockerjava.core.RemoteApiVersion.parseConfig(apiVersion)
        .isGreaterOrEqual(com.github.dockerjava.core.RemoteApiVersion.parseConfig("1.48"));
  }

  private void refuseGwPriority(String operation, String resource, NetworkAttachment n) {
    if (n.gwPriority() != 0 && !gwPriorities()) {
      throw new UnsupportedOperationRuntimeException(operation, resource, "networks[" + n.network() + "].gwPriority:"
          + " Docker Engine API " + apiVersion + " has no gateway priority (EndpointSettings.GwPriority comes with"
          + " API 1.48, Docker 28); drop gw_priority or use a newer engine");
    }
  }

  @Override
  public ContainerId create(ContainerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    String resource = spec.name();
    if (spec.tty() && spec.consoleSize().isPresent() && !consoleSizeAtCreate()) {
      throw new UnsupportedOperationRuntimeException("create container", resource, "consoleSize: Docker Engine API "
          + apiVersion + " ignores a console size at create (it takes one from API 1.42, Docker 23 on); create the"
          + " container without one and resize its terminal once it runs");
    }
    for (Mount m : spec.mounts()) {
      if (m instanceof Mount.Volume v && v.subpath().isPresent() && !apiAtLeast(VOLUME_SUBPATH_API)) {
        throw new UnsupportedOperationRuntimeException("create container", resource, "mounts[" + v.target()
            + "].subpath: Docker Engine API " + apiVersion + " cannot mount a volume's subpath (it can from API 1.45,"
            + " Docker 26 on); mount the whole volume, or upgrade the engine");
      }
    }
    spec.networks().forEach(n -> refuseGwPriority("create container", resource, n));
    for (NetworkAttachment n : spec.networks()) {
      inspectNetwork(n.network());
    }
    for (dev.berth.runtime.VolumesFrom from : spec.volumesFrom()) {
      try {
        inspect(ContainerId.of(from.container()));
      } catch (NotFoundException e) {
        // dockerd reports a missing volumes_from source as a server error
        throw new NotFoundException("create container", resource, "volumes_from " + from.container()
            + ": no such container (create it first)");
      }
    }
    for (Mount m : spec.mounts()) {
      if (m instanceof Mount.Volume v && v.name().isPresent()) {
        inspectVolume(v.name().get());
      }
    }
    String id = call("create container", resource, CLASH, () -> {
      CreateContainerCmd cmd = client.createContainerCmd(spec.image().value());
      CreateContainerMapping.apply(spec, cmd);
      return cmd.exec().getId();
    });
    try {
      Optional<NetworkAttachment> prioritized = CreateContainerMapping.firstNetwork(spec)
          .filter(n -> n.gwPriority() != 0);
      if (prioritized.isPresent()) {
        // the create call has no gateway priority: the first endpoint is made again with it, before the start
        run("connect", resource, CLASH, () -> client.disconnectFromNetworkCmd()
            .withNetworkId(prioritized.get().network()).withContainerId(id).exec());
        connect(ContainerId.of(id), prioritized.get());
      }
      for (NetworkAttachment n : CreateContainerMapping.laterNetworks(spec)) {
        connect(ContainerId.of(id), n);
      }
      injectFiles(id, resource, spec);
    } catch (RuntimeOperationException e) {
      run("remove container", resource, CLASH, () -> client.removeContainerCmd(id).withForce(true).exec());
      throw e;
    }
    return ContainerId.of(id);
  }

  /** Copies the spec's injected files into the created container (the engine has no such mount type). */
  private void injectFiles(String id, String resource, ContainerSpec spec) {
    List<InjectedFile> files = spec.mounts().stream().filter(InjectedFile.class::isInstance)
        .map(InjectedFile.class::cast).toList();
    if (files.isEmpty()) {
      return;
    }
    byte[] tar = InjectedFileArchive.of(files);
    run("inject files", resource, CLASH, () -> client.copyArchiveToContainerCmd(id)
        .withRemotePath("/").withTarInputStream(new java.io.ByteArrayInputStream(tar)).exec());
  }

  @Override
  public void start(ContainerId id) {
    ignoringNotModified("start container", id, () -> client.startContainerCmd(id.value()).exec());
  }

  @Override
  public void stop(ContainerId id, Duration timeout) {
    ignoringNotModified("stop container", id,
        () -> client.stopContainerCmd(id.value()).withTimeout(seconds(timeout)).exec());
  }

  @Override
  public void kill(ContainerId id, String signal) {
    run("kill container", id.value(), STATE, () -> client.killContainerCmd(id.value()).withSignal(signal).exec());
    if ("SIGKILL".equals(signal) || "KILL".equals(signal) || "9".equals(signal)) {
      awaitNotRunning(id);
    }
  }

  private void awaitNotRunning(ContainerId id) {
    Instant deadline = Instant.now().plus(KILL_SETTLE);
    while (inspect(id).state().status().isActive() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void restart(ContainerId id, Duration timeout) {
    run("restart container", id.value(), STATE,
        () -> client.restartContainerCmd(id.value()).withTimeout(seconds(timeout)).exec());
  }

  @Override
  public void pause(ContainerId id) {
    run("pause container", id.value(), STATE, () -> client.pauseContainerCmd(id.value()).exec());
  }

  @Override
  public void unpause(ContainerId id) {
    run("unpause container", id.value(), STATE, () -> client.unpauseContainerCmd(id.value()).exec());
  }

  @Override
  public void remove(ContainerId id, boolean force, boolean removeVolumes) {
    run("remove container", id.value(), CLASH, () -> client.removeContainerCmd(id.value()).withForce(force)
        .withRemoveVolumes(removeVolumes).exec());
  }

  @Override
  public void rename(ContainerId id, String newName) {
    run("rename container", id.value(), CLASH, () -> client.renameContainerCmd(id.value()).withName(newName).exec());
  }

  @Override
  public int waitForExit(ContainerId id) throws InterruptedException {
    WaitContainerResultCallback callback = call("wait for container", id.value(), STATE,
        () -> client.waitContainerCmd(id.value()).exec(new WaitContainerResultCallback()));
    try {
      try {
        callback.awaitCompletion();
      } catch (RuntimeException e) {
        throw DockerErrors.translate("wait for container", id.value(), e, STATE);
      }
      return call("wait for container", id.value(), STATE, callback::awaitStatusCode);
    } finally {
      closeQuietly(callback);
    }
  }

  @Override
  public ContainerSummary inspect(ContainerId id) {
    return Summaries.container(inspectRaw(id));
  }

  private InspectContainerResponse inspectRaw(ContainerId id) {
    return call("inspect container", id.value(), CLASH, () -> client.inspectContainerCmd(id.value()).exec());
  }

  @Override
  public List<ContainerSummary> list(LabelSelector selector) {
    List<String> ids = call("list containers", selector.toString(), CLASH, () -> client.listContainersCmd()
        .withShowAll(true).withLabelFilter(labelFilters(selector)).exec()).stream()
        .map(com.github.dockerjava.api.model.Container::getId).toList();
    List<ContainerSummary> out = new ArrayList<>(ParallelInspection.inspectAll(ids, id -> {
      try {
        return Optional.of(inspect(ContainerId.of(id))).filter(s -> selector.matches(s.labels()));
      } catch (NotFoundException e) {
        return Optional.empty(); // removed since it was listed
      }
    }));
    out.sort(Comparator.comparing(ContainerSummary::name));
    return List.copyOf(out);
  }

  @Override
  public LogStream logs(ContainerId id, LogOptions options) {
    inspectRaw(id);
    DockerLogStream stream = new DockerLogStream(options.since(), options.until(),
        t -> DockerErrors.translate("read logs of", id.value(), asRuntime(t), CLASH));
    return call("read logs of", id.value(), CLASH, () -> {
      LogContainerCmd cmd = client.logContainerCmd(id.value()).withStdOut(true).withStdErr(true)
          .withTimestamps(true).withFollowStream(options.follow());
      options.since().ifPresent(s -> cmd.withSince((int) s.getEpochSecond()));
      options.until().ifPresent(u -> cmd.withUntil((int) u.getEpochSecond() + 1));
      if (options.tail().isPresent()) {
        cmd.withTail(options.tail().getAsInt());
      } else {
        cmd.withTailAll();
      }
      return cmd.exec(stream);
    });
  }

  @Override
  public ExecResult exec(ContainerId id, ExecSpec spec) {
    String execId = sessions.createExec(id, spec.withStdin(false));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ResultCallback.Adapter<Frame> collector = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        ByteArrayOutputStream target = frame.getStreamType() == StreamType.STDERR ? err : out;
        synchronized (target) {
          target.writeBytes(frame.getPayload());
        }
      }
    };
    run("exec in", id.value(), STATE, () -> {
      try {
        client.execStartCmd(execId).withDetach(false).withTty(spec.tty()).exec(collector).awaitCompletion();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeOperationException("exec in", id.value(), "interrupted", e);
      }
    });
    int exitCode = execExitCode(id, execId);
    synchronized (out) {
      synchronized (err) {
        return new ExecResult(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      }
    }
  }

  private int execExitCode(ContainerId id, String execId) {
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      InspectExecResponse r = call("exec in", id.value(), STATE, () -> client.inspectExecCmd(execId).exec());
      if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
        return r.getExitCodeLong().intValue();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new RuntimeOperationException("exec in", id.value(), "the engine reported no exit code for exec "
            + execId);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeOperationException("exec in", id.value(), "interrupted", e);
      }
    }
  }

  /** Over a hijacked connection of our own; see {@link DockerSessions}. */
  @Override
  public dev.berth.runtime.ProcessSession startExec(ContainerId id, ExecSpec spec) {
    return sessions.startExec(id, spec);
  }

  /** Over a hijacked connection of our own; see {@link DockerSessions}. */
  @Override
  public dev.berth.runtime.ProcessSession attach(ContainerId id, dev.berth.runtime.AttachSpec spec) {
    return sessions.attach(id, spec);
  }

  // ---- networks ---------------------------------------------------------------------------------------------

  @Override
  public dev.berth.runtime.ProcessList top(ContainerId id) {
    var response = call("list processes of container", id.value(), STATE,
        () -> client.topContainerCmd(id.value()).exec());
    List<List<String>> rows = new ArrayList<>();
    if (response.getProcesses() != null) {
      for (String[] process : response.getProcesses()) {
        rows.add(List.of(process));
      }
    }
    return new dev.berth.runtime.ProcessList(List.of(response.getTitles()), rows);
  }

  @Override
  public dev.berth.runtime.EventSubscription events(dev.berth.runtime.EventQuery query,
      java.util.function.Consumer<dev.berth.runtime.RuntimeEvent> consumer) {
    try {
      return DockerEventSubscription.open(client, query, consumer);
    } catch (RuntimeException e) {
      throw DockerErrors.translate("subscribe to events", "", e, STATE);
    }
  }

  @Override
  public void copyToContainer(ContainerId id, java.nio.file.Path containerDir, java.io.InputStream tar) {
    DockerContainerFiles.copyTo(client, id, containerDir, tar);
  }

  @Override
  public dev.berth.runtime.ContainerArchive copyFromContainer(ContainerId id, java.nio.file.Path containerPath) {
    return DockerContainerFiles.copyFrom(client, id, containerPath);
  }

  @Override
  public NetworkSummary createNetwork(NetworkSpec spec) {
    String id = call("create network", spec.name(), CLASH, () -> {
      var cmd = client.createNetworkCmd().withName(spec.name()).withDriver(spec.driver()).withLabels(spec.labels())
          .withOptions(spec.driverOptions()).withInternal(spec.internal()).withAttachable(spec.attachable())
          .withCheckDuplicate(true);
      if (spec.enableIpv6()) {
        cmd.withEnableIpv6(true);
      }
      if (!spec.ipam().isEmpty()) {
        cmd.withIpam(new Network.Ipam().withConfig(spec.ipam().stream().map(p -> {
          Network.Ipam.Config c = new Network.Ipam.Config().withSubnet(p.subnet());
          p.gateway().ifPresent(c::withGateway);
          p.ipRange().ifPresent(c::withIpRange);
          return c;
        }).toList()));
      }
      return cmd.exec().getId();
    });
    return inspectNetwork(id);
  }

  @Override
  public NetworkSummary inspectNetwork(String name) {
    return Summaries.network(call("inspect network", name, CLASH,
        () -> client.inspectNetworkCmd().withNetworkId(name).exec()));
  }

  @Override
  public void removeNetwork(String name) {
    run("remove network", name, CLASH, () -> client.removeNetworkCmd(name).exec());
  }

  @Override
  public void connect(ContainerId id, NetworkAttachment attachment) {
    String resource = id.value() + " to network " + attachment.network();
    InspectContainerResponse c = inspectRaw(id);
    Network network = call("connect", resource, CLASH,
        () -> client.inspectNetworkCmd().withNetworkId(attachment.network()).exec());
    Map<String, ContainerNetwork> attached = c.getNetworkSettings() == null ? null
        : c.getNetworkSettings().getNetworks();
    if (attached != null && (attached.containsKey(network.getName()) || attached.values().stream()
        .anyMatch(n -> network.getId().equals(n.getNetworkID())))) {
      throw new ConflictException("connect", resource, "container is already attached to network "
          + network.getName());
    }
    refuseGwPriority("connect", resource, attachment);
    ContainerNetwork endpoint = (attachment.gwPriority() != 0 ? new PrioritizedEndpoint(attachment.gwPriority())
        : new ContainerNetwork()).withAliases(attachment.aliases());
    if (!attachment.links().isEmpty()) {
      endpoint.withLinks(CreateContainerMapping.links(attachment));
    }
    if (attachment.ipv4Address().isPresent() || attachment.ipv6Address().isPresent()) {
      endpoint.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(attachment.ipv4Address().orElse(null))
          .withIpv6Address(attachment.ipv6Address().orElse(null)));
    }
    attachment.macAddress().ifPresent(endpoint::withMacAddress);
    run("connect", resource, CLASH, () -> client.connectToNetworkCmd().withNetworkId(attachment.network())
        .withContainerId(id.value()).withContainerNetwork(endpoint).exec());
  }

  @Override
  public void disconnect(ContainerId id, String network, boolean force) {
    run("disconnect", id.value() + " from network " + network, CLASH, () -> client.disconnectFromNetworkCmd()
        .withNetworkId(network).withContainerId(id.value()).withForce(force).exec());
  }

  @Override
  public List<NetworkSummary> listNetworks(LabelSelector selector) {
    List<Network> listed = call("list networks", selector.toString(), CLASH,
        () -> client.listNetworksCmd().withFilter("label", labelFilters(selector)).exec());
    List<NetworkSummary> out = new ArrayList<>(ParallelInspection.inspectAll(listed, n -> {
      try {
        return Optional.of(inspectNetwork(n.getId())).filter(s -> selector.matches(s.labels()));
      } catch (NotFoundException e) {
        return Optional.empty(); // removed since it was listed
      }
    }));
    out.sort(Comparator.comparing(NetworkSummary::name));
    return List.copyOf(out);
  }

  // ---- volumes ----------------------------------------------------------------------------------------------

  @Override
  public VolumeSummary createVolume(VolumeSpec spec) {
    boolean exists;
    try {
      inspectVolume(spec.name());
      exists = true;
    } catch (NotFoundException e) {
      exists = false;
    }
    if (exists) {
      throw new ConflictException("create volume", spec.name(), "a volume with this name already exists");
    }
    String name = call("create volume", spec.name(), CLASH, () -> client.createVolumeCmd().withName(spec.name())
        .withDriver(spec.driver()).withLabels(spec.labels()).withDriverOpts(spec.driverOptions()).exec().getName());
    return inspectVolume(name);
  }

  @Override
  public VolumeSummary inspectVolume(String name) {
    return Summaries.volume(call("inspect volume", name, CLASH, () -> client.inspectVolumeCmd(name).exec()));
  }

  /** docker-java has no {@code force} flag for volume removal; a volume in use is always a conflict here. */
  @Override
  public void removeVolume(String name, boolean force) {
    run("remove volume", name, CLASH, () -> client.removeVolumeCmd(name).exec());
  }

  @Override
  public List<VolumeSummary> listVolumes(LabelSelector selector) {
    var response = call("list volumes", selector.toString(), CLASH,
        () -> client.listVolumesCmd().withFilter("label", labelFilters(selector)).exec());
    if (response.getVolumes() == null) {
      return List.of();
    }
    return response.getVolumes().stream()
        .map(v -> new VolumeSummary(v.getName(), v.getDriver(), Summaries.labels(v.getLabels()), false))
        .map(v -> {
          try {
            return inspectVolume(v.name());
          } catch (NotFoundException e) {
            return null;
          }
        })
        .filter(Objects::nonNull)
        .filter(v -> selector.matches(v.labels()))
        .sorted(Comparator.comparing(VolumeSummary::name))
        .toList();
  }

  // ---- images -----------------------------------------------------------------------------------------------

  @Override
  public ImageSummary inspectImage(ImageRef image) {
    InspectImageResponse r = call("inspect image", image.value(), CLASH,
        () -> client.inspectImageCmd(image.value()).exec());
    Map<String, String> labels = r.getConfig() == null ? Map.of() : Summaries.labels(r.getConfig().getLabels());
    return new ImageSummary(r.getId(), r.getRepoTags() == null ? List.of() : List.copyOf(r.getRepoTags()),
        r.getSize() == null ? 0 : r.getSize(), labels);
  }

  @Override
  public List<ImageSummary> listImages() {
    return call("list images", "all", CLASH, () -> client.listImagesCmd().exec()).stream()
        .map(i -> new ImageSummary(i.getId(), i.getRepoTags() == null ? List.of() : List.of(i.getRepoTags()),
            i.getSize() == null ? 0 : i.getSize(), Summaries.labels(i.getLabels())))
        .sorted(Comparator.comparing(ImageSummary::id))
        .toList();
  }

  @Override
  public void removeImage(ImageRef image, boolean force) {
    run("remove image", image.value(), CLASH, () -> client.removeImageCmd(image.value()).withForce(force).exec());
  }

  @Override
  public void tagImage(ImageRef source, ImageRef target) {
    String[] repoAndTag = splitTag(target.value());
    run("tag image", source.value(), CLASH,
        () -> client.tagImageCmd(source.value(), repoAndTag[0], repoAndTag[1]).exec());
  }
  @Override
  public void pullImage(ImageRef image, Optional<String> platform,
      Optional<dev.berth.runtime.RegistryCredentials> credentials,
      java.util.function.Consumer<dev.berth.runtime.PullEvent> events) {
    transfers.pull(image, platform, credentials, events);
  }

  @Override
  public void pushImage(ImageRef image, Optional<dev.berth.runtime.RegistryCredentials> credentials,
      java.util.function.Consumer<dev.berth.runtime.PushEvent> events) {
    transfers.push(image, credentials, events);
  }

  @Override
  public List<ImageRef> loadImages(java.nio.file.Path archive) {
    List<ImageRef> tags = DockerArchives.repoTags(archive);
    run("load images", archive.toString(), CLASH, () -> {
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(archive)) {
        client.loadImageCmd(in).exec();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return tags;
  }

  @Override
  public void saveImages(List<ImageRef> images, java.nio.file.Path archive) {
    run("save images", archive.toString(), CLASH, () -> {
      var command = client.saveImagesCmd();
      for (ImageRef image : images) {
        String[] repoAndTag = splitTag(image.value());
        command.withImage(repoAndTag[0], repoAndTag[1]);
      }
      try (java.io.InputStream in = command.exec()) {
        java.nio.file.Files.copy(in, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }


  /** {@code registry:5000/repo:tag} → {@code [registry:5000/repo, tag]}; no tag means {@code latest}. */
  static String[] splitTag(String ref) {
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      return new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
    }
    return new String[] {ref, "latest"};
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (java.io.IOException e) {
      // the engine connection is gone either way
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------------------------

  /** Engine label filters: {@code key=value} for equal entries, {@code key} for present ones. */
  static List<String> labelFilters(LabelSelector selector) {
    List<String> filters = new ArrayList<>();
    selector.equal().forEach((k, v) -> filters.add(k + "=" + v));
    filters.addAll(selector.present());
    return filters;
  }

  private static int seconds(Duration timeout) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
  }

  private void ignoringNotModified(String operation, ContainerId id, Runnable action) {
    try {
      action.run();
    } catch (NotModifiedException e) {
      // 304: already in the requested state
    } catch (RuntimeException e) {
      throw DockerErrors.translate(operation, id.value(), e, STATE);
    }
  }

  /** Builds with the engine's classic builder (see {@link DockerBuilds}), the logins sent as X-Registry-Config. */
  @Override
  public ImageRef build(dev.berth.runtime.BuildSpec spec, dev.berth.runtime.BuildCredentials credentials,
      java.util.function.Consumer<dev.berth.runtime.BuildEvent> progress) {
    return builds.build(spec, credentials, progress);
  }

  private static <T> T call(String operation, String resource, ConflictMeaning conflict, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw DockerErrors.translate(operation, resource, e, conflict);
    }
  }

  private static void run(String operation, String resource, ConflictMeaning conflict, Runnable action) {
    call(operation, resource, conflict, () -> {
      action.run();
      return null;
    });
  }

  private static RuntimeException asRuntime(Throwable t) {
    return t instanceof RuntimeException r ? r : new RuntimeException(t);
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (java.io.IOException e) {
      // nothing to do
    }
  }

  /** Used by {@link DockerRuntimeProvider} and tests: the engine's reply to {@code _ping}. */
  static Optional<String> pingFailure(DockerEndpoint endpoint, Duration timeout) {
    try {
      DockerConnector.ping(endpoint, timeout);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(DockerErrors.rootMessage(e));
    }
  }
}
