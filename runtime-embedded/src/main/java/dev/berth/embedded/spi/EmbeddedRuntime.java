package dev.berth.embedded.spi;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineException;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.ExecConfig;
import dev.berth.embedded.Health;
import dev.berth.embedded.distribution.PullHistory;
import dev.berth.embedded.build.BuildCache;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.usage.DiskUsage;
import dev.berth.embedded.usage.DiskUsageMeter;
import dev.berth.embedded.usage.ImagePrune;
import dev.berth.embedded.registry.RegistryClient;
import dev.berth.embedded.registry.RegistryOptions;
import dev.berth.embedded.registry.auth.CredentialHelper;
import dev.berth.embedded.registry.auth.DockerConfigFile;
import dev.berth.embedded.registry.auth.DockerCredentials;
import dev.berth.embedded.image.ImageNotFoundException;
import dev.berth.embedded.image.ImageReference;
import dev.berth.embedded.image.ImageStoreException;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.net.Network;
import dev.berth.embedded.networking.BridgeNetworking;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.files.ContainerArchiver;
import dev.berth.embedded.files.ContainerExtractor;
import dev.berth.embedded.files.ContainerPathException;
import dev.berth.embedded.proc.ProcessTable;
import dev.berth.runtime.ConflictException;
import dev.berth.runtime.ContainerArchive;
import dev.berth.runtime.EventQuery;
import dev.berth.runtime.EventSubscription;
import dev.berth.runtime.PathStat;
import dev.berth.runtime.ProcessList;
import dev.berth.runtime.RuntimeEvent;
import dev.berth.runtime.events.EventHub;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerState;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.ImageSummary;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.IpamPool;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.Mount;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumeSummary;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The runtime SPI on the embedded engine: a thin adapter that translates specs and records and maps engine errors
 * to the SPI's typed exceptions. Volumes live under {@code <root>/volumes}; networks are Linux bridges made by
 * {@link BridgeNetworking} (state under {@code <root>/net}), and a container's network memberships are part of its
 * configuration, so there is one source of truth for who is on which network. Safe for concurrent use: registry
 * changes and the checks they depend on are serialised.
 */
public final class EmbeddedRuntime implements ContainerRuntime {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final EmbeddedEngine engine;
    private final VolumeRegistry volumes;
    private final BridgeNetworking networks;
    private final Object registryLock = new Object();
    private final SpecBuilds builds;
    private final EventHub events = new EventHub(java.time.Clock.systemUTC(), 1000);
    private final InjectedFileStore injected;
    private final RegistryTransfers transfers;
    private final Path root;
    private final EmbeddedSessions sessions;
    private final EmbeddedAttachments attachments;

    private EmbeddedRuntime(EmbeddedEngine engine, BridgeNetworking networks, EngineOptions options,
                            RegistryOptions registryOptions, java.util.Optional<String> defaultPlatform) {
        this.engine = engine;
        this.networks = networks;
        Path root = options.root();
        this.root = root;
        this.transfers = new RegistryTransfers(new RegistryClient(registryOptions), engine.images(), defaultPlatform,
                new PullHistory(root.toAbsolutePath().resolve("images/pulls.json")), java.time.Clock.systemUTC());
        this.builds = new SpecBuilds(engine, options, transfers);
        engine.events().listen(e -> events.publish(new RuntimeEvent(RuntimeEvent.Type.CONTAINER, e.action(), e.id(),
                e.name(), e.attributes(), e.time())));
        // absolute: volume directories become bind sources in config.json
        this.volumes = new VolumeRegistry(root.toAbsolutePath().resolve("volumes"));
        this.injected = new InjectedFileStore(root.resolve("injected"));
        this.sessions = new EmbeddedSessions(engine);
        this.attachments = new EmbeddedAttachments(engine, this::waitForExit);
    }

    /** Opens the engine with bridge networking on {@code options} and adapts it. */
    public static EmbeddedRuntime open(EngineOptions options) {
        return open(options, System.getenv());
    }

    /**
     * Opens the engine with bridge networking on {@code options}; registry credentials ({@code DOCKER_CONFIG}) and
     * the default platform ({@code DOCKER_DEFAULT_PLATFORM}) come from {@code env}.
     */
    public static EmbeddedRuntime open(EngineOptions options, Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        DockerCredentials credentials = new DockerCredentials(DockerConfigFile.locate(copy),
                name -> new CredentialHelper(name, copy));
        return open(options, RegistryOptions.defaults(credentials),
                java.util.Optional.ofNullable(env.get("DOCKER_DEFAULT_PLATFORM")));
    }

    /**
     * Opens the engine on {@code options}; registries are reached as {@code registryOptions} say, and pulls without a
     * platform use {@code defaultPlatform} ({@code os/arch[/variant]}) or else the host's.
     */
    public static EmbeddedRuntime open(EngineOptions options, RegistryOptions registryOptions,
                                       java.util.Optional<String> defaultPlatform) {
        BridgeNetworking networks = BridgeNetworking.open(options.root().toAbsolutePath().resolve("net"));
        return new EmbeddedRuntime(EmbeddedEngine.open(options, networks), networks, options, registryOptions,
                defaultPlatform);
    }

    /** The engine underneath, for operations the SPI does not have (load/save images, stats, top). */
    public EmbeddedEngine engine() {
        return engine;
    }

    // ---------------------------------------------------------------- containers

    @Override
    public ContainerId create(ContainerSpec spec) {
        return call("create container", spec.name(), () -> {
            synchronized (registryLock) {
                Image image = engine.images().resolve(spec.image().value());
                for (NetworkAttachment n : spec.networks()) {
                    requireNetwork("create container", n.network());
                }
                SpecTranslator.References references = references(spec.name());
                for (Mount m : spec.mounts()) {
                    if (m instanceof Mount.Volume v && v.name().isPresent() && volumes.find(v.name().get()).isEmpty()) {
                        throw new NotFoundException("create container", spec.name(), "no such volume: "
                                + v.name().get() + " (create it first)");
                    }
                }
                if (engine.list(Map.of()).stream().anyMatch(c -> c.name().equals(spec.name()))) {
                    throw new ConflictException("create container", spec.name(), "the container name \""
                            + spec.name() + "\" is already in use (remove that container or choose another name)");
                }
                List<String> anonymous = new ArrayList<>();
                String fileSet = randomHex();
                java.util.concurrent.atomic.AtomicInteger fileNumber = new java.util.concurrent.atomic.AtomicInteger();
                String id;
                try {
                    ContainerConfig config = SpecTranslator.translate(spec, v -> volumeFor(v, image, spec, anonymous),
                            f -> injected.write(fileSet, fileNumber.incrementAndGet(), f), references);
                    id = engine.create(config);
                } catch (RuntimeException e) {
                    anonymous.forEach(volumes::delete);
                    injected.delete(fileSet);
                    throw e;
                }
                return ContainerId.of(id);
            }
        });
    }

    private SpecTranslator.References references(String containerName) {
        return new SpecTranslator.References() {
            @Override
            public String networkId(String name) {
                return requireNetwork("create container", name).id();
            }

            @Override
            public boolean networkExists(String name) {
                return findNetwork(name).isPresent();
            }

            @Override
            public List<ContainerConfig.BindMount> volumesOf(String nameOrId) {
                ContainerInfo source;
                try {
                    source = engine.inspect(nameOrId);
                } catch (EngineException.NotFound e) {
                    throw new NotFoundException("create container", containerName, "volumes_from " + nameOrId
                            + ": no such container (create it first)");
                }
                return source.config().binds().stream().filter(b -> !injected.holds(b.source())).toList();
            }

            @Override
            public String containerId(String nameOrId) {
                try {
                    return engine.inspect(nameOrId).id();
                } catch (EngineException.NotFound e) {
                    throw new NotFoundException("create container", containerName, "network mode container:"
                            + nameOrId + ": no such container (create and start it first)");
                }
            }
        };
    }

    private SpecTranslator.VolumeSource volumeFor(Mount.Volume mount, Image image, ContainerSpec spec,
            List<String> anonymous) {
        String name;
        ContainerConfig.VolumeDevice device = null;
        if (mount.name().isPresent()) {
            name = mount.name().get();
            device = volumes.find(name).flatMap(v -> LocalVolumeOptions.parse(v.options())).orElse(null);
        } else {
            name = randomHex();
            volumes.create(new VolumeRegistry.Volume(name, "local", Map.of("com.docker.volume.anonymous", ""),
                    Map.of(), true, VolumeRegistry.now()));
            anonymous.add(name);
        }
        Path data = volumes.dataDir(name);
        if (device != null) {
            // the device is mounted on the data directory only while a container runs: nothing to copy into
            // now, and a subpath could only be resolved on the mounted device
            if (mount.subpath().isPresent()) {
                throw new UnsupportedOperationRuntimeException("create container", spec.name(), "mounts["
                        + mount.target() + "].subpath: volume " + name + " has driver options (its device is"
                        + " mounted at start); mount the whole volume");
            }
            return new SpecTranslator.VolumeSource(data, device);
        }
        if (mount.subpath().isPresent()) {
            return new SpecTranslator.VolumeSource(VolumeSubpath.resolve(name, data, mount.subpath().get()), null);
        }
        if (!mount.noCopy()) {
            ImageContentCopier.copyIfEmpty(engine.images().layerDirs(image), mount.target(), data);
        }
        return new SpecTranslator.VolumeSource(data, null);
    }

    @Override
    public void start(ContainerId id) {
        run("start container", id, () -> engine.start(id.value()));
    }

    @Override
    public void stop(ContainerId id, Duration timeout) {
        run("stop container", id, () -> engine.stop(id.value(), timeout));
    }

    @Override
    public void kill(ContainerId id, String signal) {
        run("kill container", id, () -> {
            ContainerInfo info = engine.inspect(id.value());
            if (!info.state().isRunning()) {
                throw new InvalidStateException("kill container", id.value(), "container " + info.name()
                        + " is not running (start it first)");
            }
            engine.kill(info.id(), signal);
            String name = signal.toUpperCase(java.util.Locale.ROOT);
            if (name.equals("SIGKILL") || name.equals("KILL") || name.equals("9")) {
                awaitNotRunning(info.id(), KILL_WAIT);
            }
        });
    }

    /** Docker's kill waits for a SIGKILLed container to be gone; after {@code limit} inspect shows the truth. */
    private void awaitNotRunning(String id, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (engine.inspect(id).state().isRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void restart(ContainerId id, Duration timeout) {
        run("restart container", id, () -> {
            engine.stop(id.value(), timeout);
            engine.start(id.value());
        });
    }

    @Override
    public void pause(ContainerId id) {
        run("pause container", id, () -> {
            requireStatus("pause container", id, dev.berth.embedded.ContainerStatus.RUNNING);
            engine.pause(id.value());
        });
    }

    @Override
    public void unpause(ContainerId id) {
        run("unpause container", id, () -> {
            requireStatus("unpause container", id, dev.berth.embedded.ContainerStatus.PAUSED);
            engine.unpause(id.value());
        });
    }

    private void requireStatus(String operation, ContainerId id, dev.berth.embedded.ContainerStatus wanted) {
        ContainerInfo info = engine.inspect(id.value());
        if (info.state().status() != wanted) {
            throw new InvalidStateException(operation, id.value(), "container " + info.name() + " is "
                    + info.state().status().name().toLowerCase(java.util.Locale.ROOT) + ", not "
                    + wanted.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public void remove(ContainerId id, boolean force, boolean removeVolumes) {
        run("remove container", id, () -> {
            ContainerInfo info = engine.inspect(id.value());
            engine.remove(info.id(), force);
            injected.delete(info.config());
            synchronized (registryLock) {
                if (removeVolumes) {
                    Set<String> stillUsed = volumesInUse();
                    for (ContainerConfig.BindMount bind : info.config().binds()) {
                        volumes.volumeOf(bind.source())
                                .flatMap(volumes::find)
                                .filter(VolumeRegistry.Volume::anonymous)
                                .filter(v -> !stillUsed.contains(v.name()))
                                .ifPresent(v -> volumes.delete(v.name()));
                    }
                }
            }
        });
    }

    @Override
    public void rename(ContainerId id, String newName) {
        run("rename container", id, () -> engine.rename(id.value(), newName));
    }

    @Override
    public int waitForExit(ContainerId id) throws InterruptedException {
        try {
            return call("wait for container", id.value(), () -> engine.await(id.value()).exitCode());
        } catch (RuntimeOperationException e) {
            if (Thread.interrupted()) {
                // the engine turns an interrupt into an error and keeps the flag set
                throw new InterruptedException("interrupted while waiting for " + id);
            }
            throw e;
        }
    }

    @Override
    public ContainerSummary inspect(ContainerId id) {
        return call("inspect container", id.value(), () -> {
            return summary(engine.inspect(id.value()), networkNames());
        });
    }

    @Override
    public List<ContainerSummary> list(LabelSelector selector) {
        return call("list containers", "*", () -> {
            Map<String, String> names = networkNames();
            return engine.list(Map.of()).stream()
                .filter(c -> selector.matches(c.config().labels()))
                .map(c -> summary(c, names))
                .sorted(Comparator.comparing(ContainerSummary::name))
                .toList();
        });
    }

    /** Network id to name. */
    private Map<String, String> networkNames() {
        Map<String, String> out = new java.util.HashMap<>();
        networks.networks().forEach(n -> out.put(n.id(), n.name()));
        return out;
    }

    private ContainerSummary summary(ContainerInfo info, Map<String, String> networkNames) {
        List<MountPoint> mounts = new ArrayList<>();
        for (ContainerConfig.BindMount bind : info.config().binds()) {
            if (injected.holds(bind.source())) {
                continue;
            }
            Optional<String> volume = volumes.volumeOf(bind.source());
            mounts.add(volume.isPresent()
                    ? new MountPoint(MountPoint.Type.VOLUME, volume.get(), bind.target(), bind.readOnly())
                    : new MountPoint(MountPoint.Type.BIND, bind.source(), bind.target(), bind.readOnly()));
        }
        info.config().tmpfs().keySet().forEach(t -> mounts.add(new MountPoint(MountPoint.Type.TMPFS, "", t, false)));
        List<String> attached = info.config().networks().stream()
                .map(n -> networkNames.getOrDefault(n.networkId(), n.networkId())).toList();
        List<PortBinding> published = !info.state().isRunning() ? List.of()
                : networks.publishedPorts(info.id()).stream()
                        .map(p -> new PortBinding(p.hostIp(), p.hostPort(), p.containerPort(), p.protocol())).toList();
        return new ContainerSummary(ContainerId.of(info.id()), info.name(), ImageRef.of(info.config().image()),
                info.imageId(), info.config().labels(), state(info.state()), mounts, attached, published);
    }

    private static ContainerState state(dev.berth.embedded.ContainerState s) {
        ContainerStatus status = ContainerStatus.valueOf(s.status().name());
        HealthStatus health = s.health() == null ? HealthStatus.NONE : switch (s.health().status()) {
            case Health.HEALTHY -> HealthStatus.HEALTHY;
            case Health.UNHEALTHY -> HealthStatus.UNHEALTHY;
            default -> HealthStatus.STARTING;
        };
        return new ContainerState(status, s.exitCode(), health, instant(s.startedAt()), instant(s.finishedAt()));
    }

    private static Optional<Instant> instant(String text) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
    }

    @Override
    public LogStream logs(ContainerId id, LogOptions options) {
        return call("read logs of", id.value(), () -> {
            String containerId = engine.inspect(id.value()).id();
            LogQuery query = new LogQuery(true, true, options.since().orElse(null), options.until().orElse(null),
                    options.tail().orElse(-1), options.follow());
            if (!options.follow()) {
                Iterator<LogEntry> entries = engine.logs(containerId, query).stream().map(EmbeddedRuntime::entry)
                        .toList().iterator();
                return new LogStream() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public LogEntry next() {
                        return entries.next();
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            return new FollowingLogStream("berth-logs-" + id.shortId(),
                    sink -> engine.logs(containerId, query, e -> sink.accept(entry(e))));
        });
    }

    private static LogEntry entry(dev.berth.embedded.logs.LogEntry e) {
        String line = e.line();
        if (line.endsWith("\n")) {
            line = line.substring(0, line.length() - 1);
        }
        return new LogEntry(e.time(), e.stream().equals("stderr") ? LogEntry.Stream.STDERR : LogEntry.Stream.STDOUT,
                line);
    }

    @Override
    public ExecResult exec(ContainerId id, ExecSpec spec) {
        return call("exec in container", id.value(), () -> {
            if (spec.privileged()) {
                throw new UnsupportedOperationRuntimeException("exec in container", id.value(),
                        "privileged: privileged exec is not supported yet");
            }
            requireStatus("exec in container", id, dev.berth.embedded.ContainerStatus.RUNNING);
            ExecConfig exec = new ExecConfig(spec.command(), spec.env(), spec.user().orElse(null),
                    spec.workingDir().orElse(null));
            if (spec.tty()) {
                // a terminal merges stdout and stderr, as docker exec -t does
                java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
                int code = engine.execWithTerminal(id.value(), exec, null, screen,
                        new dev.berth.embedded.shim.ExecTerminal());
                return new ExecResult(code, screen.toString(java.nio.charset.StandardCharsets.UTF_8), "");
            }
            dev.berth.embedded.ExecResult r = engine.exec(id.value(), exec);
            return new ExecResult(r.exitCode(), r.stdout(), r.stderr());
        });
    }

    /** An exec with its streams connected, on a terminal or not (see {@link EmbeddedSessions}). */
    @Override
    public dev.berth.runtime.ProcessSession startExec(ContainerId id, ExecSpec spec) {
        return call("exec in container", id.value(), () -> sessions.startExec(id, spec));
    }

    /** The container's output from now on and, when asked for, its stdin (see {@link EmbeddedAttachments}). */
    @Override
    public dev.berth.runtime.ProcessSession attach(ContainerId id, dev.berth.runtime.AttachSpec spec) {
        return call("attach to container", id.value(), () -> attachments.attach(id, spec));
    }

    // ---------------------------------------------------------------- networks

    @Override
    public NetworkSummary createNetwork(NetworkSpec spec) {
        return call("create network", spec.name(), () -> {
            if (!spec.driver().isEmpty() && !spec.driver().equals("bridge")) {
                throw new UnsupportedOperationRuntimeException("create network", spec.name(), "driver: '"
                        + spec.driver() + "' is not supported (only bridge)");
            }
            if (!VolumeRegistry.validName(spec.name())) {
                throw new IllegalArgumentException("invalid network name '" + spec.name() + "'");
            }
            synchronized (registryLock) {
                if (findNetwork(spec.name()).isPresent()) {
                    throw new ConflictException("create network", spec.name(), "network with name " + spec.name()
                            + " already exists (remove it or choose another name)");
                }
                dev.berth.embedded.net.NetworkSpec bridge = dev.berth.embedded.net.NetworkSpec.of(randomHex(),
                        spec.name(), spec.internal()).withLabels(spec.labels()).withOptions(spec.driverOptions());
                if (spec.enableIpv6()) {
                    bridge = bridge.withIpv6();
                }
                for (IpamPool pool : spec.ipam()) {
                    bridge = bridge.withSubnet(pool.subnet());
                    if (pool.gateway().isPresent()) {
                        bridge = bridge.withGateway(pool.gateway().get());
                    }
                    if (pool.ipRange().isPresent()) {
                        bridge = bridge.withIpRange(pool.ipRange().get());
                    }
                }
                Network n = networks.createNetwork(bridge);
                publishNetwork("create", n);
                return networkSummary(n, members());
            }
        });
    }

    @Override
    public NetworkSummary inspectNetwork(String name) {
        return call("inspect network", name, () -> networkSummary(requireNetwork("inspect network", name), members()));
    }

    @Override
    public void removeNetwork(String name) {
        call("remove network", name, () -> {
            synchronized (registryLock) {
                Network n = requireNetwork("remove network", name);
                List<String> users = members().getOrDefault(n.id(), List.of());
                if (!users.isEmpty()) {
                    throw new ConflictException("remove network", name, "network " + n.name() + " has active"
                            + " endpoints " + users + " (remove or disconnect those containers first)");
                }
                networks.removeNetwork(n.id());
                publishNetwork("destroy", n);
                return null;
            }
        });
    }

    @Override
    public void connect(ContainerId id, NetworkAttachment attachment) {
        run("connect container", id, () -> {
            synchronized (registryLock) {
                ContainerInfo info = engine.inspect(id.value());
                Network n = requireNetwork("connect container", attachment.network());
                if (info.config().network() != ContainerConfig.NetworkMode.BRIDGE) {
                    throw new ConflictException("connect container", id.value(), "container " + info.name()
                            + " uses network mode " + info.config().network().name().toLowerCase(java.util.Locale.ROOT)
                            + " and cannot join networks (recreate it without network_mode)");
                }
                if (info.config().networks().stream().anyMatch(e -> e.networkId().equals(n.id()))) {
                    throw new ConflictException("connect container", id.value(), "already connected to network "
                            + n.name());
                }
                ContainerConfig.NetworkEndpoint member = SpecTranslator.endpoint(attachment, n.id(), 0);
                engine.reconfigure(info.id(), c -> {
                    List<ContainerConfig.NetworkEndpoint> next = new ArrayList<>(c.networks());
                    next.add(member);
                    return c.withNetworks(next);
                });
            }
        });
    }

    @Override
    public void disconnect(ContainerId id, String network, boolean force) {
        run("disconnect container", id, () -> {
            synchronized (registryLock) {
                ContainerInfo info = engine.inspect(id.value());
                Network n = requireNetwork("disconnect container", network);
                if (info.config().networks().stream().noneMatch(e -> e.networkId().equals(n.id()))) {
                    throw new NotFoundException("disconnect container", id.value(), "not connected to network "
                            + n.name());
                }
                engine.reconfigure(info.id(), c -> c.withNetworks(c.networks().stream()
                        .filter(e -> !e.networkId().equals(n.id())).toList()));
            }
        });
    }

    @Override
    public List<NetworkSummary> listNetworks(LabelSelector selector) {
        return call("list networks", "*", () -> {
            Map<String, List<String>> members = members();
            return networks.networks().stream().filter(n -> selector.matches(n.labels()))
                    .sorted(Comparator.comparing(Network::name)).map(n -> networkSummary(n, members)).toList();
        });
    }

    private Optional<Network> findNetwork(String nameOrId) {
        List<Network> all = networks.networks();
        return all.stream().filter(n -> n.name().equals(nameOrId)).findFirst()
                .or(() -> all.stream().filter(n -> n.id().equals(nameOrId)).findFirst())
                .or(() -> nameOrId.length() >= 12 ? all.stream().filter(n -> n.id().startsWith(nameOrId)).findFirst()
                        : Optional.empty());
    }

    private Network requireNetwork(String operation, String name) {
        return findNetwork(name).orElseThrow(() -> new NotFoundException(operation, name, "no such network: "
                + name + " (create it first)"));
    }

    /** Network id to the names of the containers (in any state) that are members of it, sorted. */
    private Map<String, List<String>> members() {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (ContainerInfo c : engine.list(Map.of())) {
            c.config().networks().forEach(n -> out.computeIfAbsent(n.networkId(), k -> new ArrayList<>()).add(c.name()));
        }
        out.values().forEach(names -> names.sort(null));
        return out;
    }

    private static NetworkSummary networkSummary(Network n, Map<String, List<String>> members) {
        List<IpamPool> pools = n.pools().stream().map(p -> new IpamPool(p.subnet(), Optional.of(p.gateway()),
                p.ipRange().equals(p.subnet()) ? Optional.empty() : Optional.of(p.ipRange()))).toList();
        return new NetworkSummary(n.id(), n.name(), "bridge", n.labels(), n.internal(),
                members.getOrDefault(n.id(), List.of()), pools);
    }

    // ---------------------------------------------------------------- volumes

    @Override
    public VolumeSummary createVolume(VolumeSpec spec) {
        return call("create volume", spec.name(), () -> {
            if (!spec.driver().isEmpty() && !spec.driver().equals("local")) {
                throw new UnsupportedOperationRuntimeException("create volume", spec.name(), "driver: '"
                        + spec.driver() + "' is not supported (only local)");
            }
            if (!VolumeRegistry.validName(spec.name())) {
                throw new IllegalArgumentException("invalid volume name '" + spec.name()
                        + "' (use letters, digits, '_', '.' and '-', starting with a letter or digit)");
            }
            try {
                LocalVolumeOptions.parse(spec.driverOptions());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("create volume " + spec.name() + ": driverOptions: "
                        + e.getMessage(), e);
            }
            synchronized (registryLock) {
                VolumeRegistry.Volume v = new VolumeRegistry.Volume(spec.name(), "local", spec.labels(),
                        spec.driverOptions(), false, VolumeRegistry.now());
                if (!volumes.create(v)) {
                    throw new ConflictException("create volume", spec.name(), "volume " + spec.name()
                            + " already exists (remove it or choose another name)");
                }
                publishVolume("create", v);
                return volumeSummary(v);
            }
        });
    }

    @Override
    public VolumeSummary inspectVolume(String name) {
        return call("inspect volume", name, () -> volumeSummary(requireVolume("inspect volume", name)));
    }

    @Override
    public void removeVolume(String name, boolean force) {
        call("remove volume", name, () -> {
            synchronized (registryLock) {
                VolumeRegistry.Volume v = requireVolume("remove volume", name);
                if (volumesInUse().contains(v.name())) {
                    // Docker refuses even with force while a container uses the volume
                    throw new ConflictException("remove volume", name, "volume is in use (remove the containers"
                            + " that use it first)");
                }
                volumes.delete(v.name());
                publishVolume("destroy", v);
                return null;
            }
        });
    }

    @Override
    public List<VolumeSummary> listVolumes(LabelSelector selector) {
        return call("list volumes", "*", () -> volumes.all().stream().filter(v -> selector.matches(v.labels()))
                .map(EmbeddedRuntime::volumeSummary).toList());
    }

    private VolumeRegistry.Volume requireVolume(String operation, String name) {
        return volumes.find(name).orElseThrow(() -> new NotFoundException(operation, name, "no such volume: "
                + name));
    }

    private Set<String> volumesInUse() {
        Set<String> used = new LinkedHashSet<>();
        for (ContainerInfo c : engine.list(Map.of())) {
            c.config().binds().forEach(b -> volumes.volumeOf(b.source()).ifPresent(used::add));
        }
        return used;
    }

    private static VolumeSummary volumeSummary(VolumeRegistry.Volume v) {
        return new VolumeSummary(v.name(), v.driver(), v.labels(), v.anonymous());
    }

    // ---------------------------------------------------------------- images

    @Override
    public ImageSummary inspectImage(ImageRef image) {
        return call("inspect image", image.value(), () -> imageSummary(engine.images().resolve(image.value())));
    }

    @Override
    public List<ImageSummary> listImages() {
        return call("list images", "*", () -> engine.images().list().stream().map(this::imageSummary).toList());
    }

    /**
     * Removes a tag, or the image: a tag of an image with other tags is only untagged; otherwise the image's tags go
     * and, unless containers use it (then {@code force} keeps it dangling, as Docker does), the image itself and the
     * content nothing else uses.
     */
    @Override
    public void removeImage(ImageRef image, boolean force) {
        call("remove image", image.value(), () -> {
            synchronized (registryLock) {
                Image resolved = engine.images().resolve(image.value());
                String normalized = ImageReference.normalize(image.value());
                if (resolved.tags().contains(normalized) && resolved.tags().size() > 1) {
                    engine.images().untag(normalized);
                    return null;
                }
                List<String> users = engine.list(Map.of()).stream()
                        .filter(c -> c.imageId().equals(resolved.id().toString())).map(ContainerInfo::name).toList();
                if (!users.isEmpty() && !force) {
                    throw new ConflictException("remove image", image.value(), "image is used by container(s) "
                            + String.join(", ", users) + " (remove them first, or force)");
                }
                if (!users.isEmpty()) {
                    resolved.tags().forEach(engine.images()::untag);
                    return null;
                }
                engine.images().delete(resolved);
                collectGarbage(new HashSet<>(List.of(resolved.stored(), resolved.manifestDigest())));
                return null;
            }
        });
    }

    /**
     * Deletes the images no container uses that {@code select} accepts (only dangling ones unless {@code all}), and
     * then the content nothing else uses; returns what went and the bytes freed.
     */
    public ImagePrune pruneImages(boolean all, java.util.function.Predicate<Image> select) {
        return call("prune images", "*", () -> {
            synchronized (registryLock) {
                Set<String> used = new HashSet<>();
                engine.list(Map.of()).forEach(c -> used.add(c.imageId()));
                List<ImagePrune.Removed> removed = new ArrayList<>();
                Set<Digest> manifests = new HashSet<>();
                for (Image candidate : engine.images().list()) {
                    boolean eligible = all || candidate.tags().isEmpty();
                    if (eligible && !used.contains(candidate.id().toString()) && select.test(candidate)) {
                        engine.images().delete(candidate);
                        manifests.add(candidate.stored());
                        manifests.add(candidate.manifestDigest());
                        removed.add(new ImagePrune.Removed(candidate.id().toString(), candidate.tags()));
                    }
                }
                return new ImagePrune(removed, removed.isEmpty() ? 0 : collectGarbage(manifests));
            }
        });
    }

    /**
     * Removes the build cache entries {@code options} select and the content only they kept alive
     * ({@code docker builder prune}); images and what containers use stay.
     */
    public dev.berth.embedded.usage.BuildCachePrune pruneBuildCache(
            dev.berth.embedded.usage.BuildCachePruneOptions options) {
        return call("prune build cache", "*", () -> {
            synchronized (registryLock) {
                return new dev.berth.embedded.usage.BuildCachePruner(engine.images(), BuildCache.directory(root),
                        new dev.berth.embedded.build.CacheMounts(root)).prune(options);
            }
        });
    }

    /**
     * Drops the build cache entries that produced the {@code deleted} images' manifests (the classic builder's cache
     * goes with its images), then deletes the content that no image, dangling image or remaining cache entry refers
     * to; returns the bytes freed.
     */
    private long collectGarbage(Set<Digest> deleted) {
        Path cache = BuildCache.directory(root);
        BuildCache.forget(cache, deleted);
        Set<Digest> cached = new HashSet<>();
        BuildCache.entries(cache).forEach(e -> cached.add(e.manifest()));
        return engine.images().collectGarbage(cached);
    }

    /** What images, containers, volumes and the build cache take on disk ({@code system df}). */
    public DiskUsage diskUsage() {
        return call("measure disk usage", "*", () -> {
            List<ContainerInfo> containers = engine.list(Map.of());
            Map<String, Integer> mounts = new HashMap<>();
            for (ContainerInfo c : containers) {
                c.config().binds().forEach(b -> volumes.volumeOf(b.source()).ifPresent(v -> mounts.merge(v, 1,
                        Integer::sum)));
            }
            Map<String, Path> dirs = new LinkedHashMap<>();
            volumes.all().forEach(v -> dirs.put(v.name(), volumes.dataDir(v.name())));
            return new DiskUsageMeter(engine.images(), engine::writableLayer,
                    BuildCache.directory(root)).measure(containers, dirs, mounts);
        });
    }

    @Override
    public void tagImage(ImageRef source, ImageRef target) {
        call("tag image", source.value(), () -> {
            Image resolved = engine.images().resolve(source.value());
            engine.images().tag(resolved.manifestDigest(), ImageReference.normalize(target.value()));
            return null;
        });
    }
    /**
     * Builds on the embedded Dockerfile builder (RUN steps in engine containers, per-step cache), pulling the images
     * the Dockerfile names that are missing (or all, with {@code spec.pull()}) with {@code credentials} for their
     * registry ahead of the engine's own.
     */
    @Override
    public ImageRef build(dev.berth.runtime.BuildSpec spec, dev.berth.runtime.BuildCredentials credentials,
                          java.util.function.Consumer<dev.berth.runtime.BuildEvent> progress) {
        return call("build image", spec.image().value(), () -> builds.build(spec, credentials, progress));
    }

    @Override
    public List<ImageRef> loadImages(java.nio.file.Path archive) {
        return call("load images", archive.toString(),
                () -> engine.images().load(archive).stream().map(ImageRef::of).toList());
    }

    @Override
    public void saveImages(List<ImageRef> images, java.nio.file.Path archive) {
        call("save images", archive.toString(), () -> {
            engine.images().save(images.stream().map(ImageRef::value).toList(), archive);
            return null;
        });
    }


    @Override
    public void pullImage(ImageRef image, java.util.Optional<String> platform,
                          java.util.Optional<dev.berth.runtime.RegistryCredentials> credentials,
                          java.util.function.Consumer<dev.berth.runtime.PullEvent> events) {
        transfers.pull(image, platform, credentials, events);
    }

    @Override
    public java.util.Optional<java.time.Instant> lastPulled(ImageRef image) {
        return transfers.lastPulled(image);
    }

    @Override
    public void pushImage(ImageRef image, java.util.Optional<dev.berth.runtime.RegistryCredentials> credentials,
                          java.util.function.Consumer<dev.berth.runtime.PushEvent> events) {
        transfers.push(image, credentials, events);
    }

    private ImageSummary imageSummary(Image image) {
        long size = 0;
        for (var layer : image.layers()) {
            size += layer.size();
        }
        Map<String, String> labels = image.config().defaults() == null || image.config().defaults().labels() == null
                ? Map.of() : image.config().defaults().labels();
        return new ImageSummary(image.id().toString(), image.tags(), size, labels);
    }

    // ---------------------------------------------------------------- processes, events, files

    @Override
    public ProcessList top(ContainerId id) {
        String operation = "list processes of container";
        return call(operation, id.value(), () -> {
            try {
                return ProcessTable.host().list(engine.top(id.value()).stream()
                        .map(dev.berth.embedded.ProcessInfo::pid).toList());
            } catch (EngineException.Conflict notRunning) {
                throw new InvalidStateException(operation, id.value(), notRunning.getMessage());
            }
        });
    }

    @Override
    public EventSubscription events(EventQuery query, java.util.function.Consumer<RuntimeEvent> consumer) {
        return events.subscribe(query, consumer);
    }

    @Override
    public void copyToContainer(ContainerId id, Path containerDir, java.io.InputStream tar) {
        files("copy to container", id, () -> engine.withRootfs(id.value(), root -> {
            ContainerExtractor.extract(root, containerDir.toString(), tar);
            return null;
        }));
    }

    @Override
    public ContainerArchive copyFromContainer(ContainerId id, Path containerPath) {
        return files("copy from container", id, () -> {
            Path temp = null;
            try {
                temp = java.nio.file.Files.createTempFile("berth-cp-", ".tar");
                Path file = temp;
                PathStat stat = engine.withRootfs(id.value(), root -> {
                    try (var out = java.nio.file.Files.newOutputStream(file)) {
                        return ContainerArchiver.archive(root, containerPath.toString(), out);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                return new ContainerArchive(stat, java.nio.file.Files.newInputStream(temp,
                        java.nio.file.StandardOpenOption.DELETE_ON_CLOSE));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (RuntimeException e) {
                if (temp != null) {
                    temp.toFile().delete();
                }
                throw e;
            }
        });
    }

    @Override
    public PathStat statPath(ContainerId id, Path containerPath) {
        return files("stat path", id, () -> engine.withRootfs(id.value(),
                root -> ContainerArchiver.stat(root, containerPath.toString())));
    }

    /** Path problems become the SPI's not-found, or invalid state for a read-only mount. */
    private static <T> T files(String operation, ContainerId id, Supplier<T> action) {
        try {
            return call(operation, id.value(), action);
        } catch (RuntimeOperationException e) {
            if (e.getCause() instanceof ContainerPathException p) {
                throw p.reason() == ContainerPathException.Reason.READ_ONLY
                        ? new InvalidStateException(operation, id.value(), p.getMessage())
                        : new NotFoundException(operation, id.value(), p.getMessage());
            }
            throw e;
        }
    }

    private void publishNetwork(String action, Network n) {
        Map<String, String> attributes = new java.util.TreeMap<>(n.labels());
        attributes.put("name", n.name());
        attributes.put("type", "bridge");
        events.publish(new RuntimeEvent(RuntimeEvent.Type.NETWORK, action, n.id(), n.name(), attributes,
                Instant.now()));
    }

    private void publishVolume(String action, VolumeRegistry.Volume v) {
        Map<String, String> attributes = new java.util.TreeMap<>(v.labels());
        attributes.put("name", v.name());
        attributes.put("driver", v.driver());
        events.publish(new RuntimeEvent(RuntimeEvent.Type.VOLUME, action, v.name(), v.name(), attributes,
                Instant.now()));
    }

    // ---------------------------------------------------------------- plumbing

    @Override
    public void close() {
        events.close();
        transfers.close();
        engine.close();
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void run(String operation, ContainerId id, Runnable action) {
        call(operation, id.value(), () -> {
            action.run();
            return null;
        });
    }

    /** Runs {@code action}, turning engine errors into the SPI's typed exceptions. */
    private static <T> T call(String operation, String resource, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeOperationException e) {
            throw e;
        } catch (ContainerPathException e) {
            throw new RuntimeOperationException(operation, resource, e.getMessage(), e);
        } catch (EngineException.NotFound | ImageNotFoundException e) {
            throw new NotFoundException(operation, resource, e.getMessage());
        } catch (EngineException.Conflict e) {
            throw new ConflictException(operation, resource, e.getMessage());
        } catch (EngineException | ImageStoreException | dev.berth.embedded.oci.OciRuntimeException
                 | dev.berth.embedded.net.NetworkException
                 | dev.berth.embedded.snapshot.SnapshotException | java.io.UncheckedIOException e) {
            throw new RuntimeOperationException(operation, resource, e.getMessage(), e);
        }
    }
}
