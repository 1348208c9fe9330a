package dev.berth.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.ipc.ShareableShm;
import dev.berth.embedded.logs.JsonFileLogReader;
import dev.berth.embedded.logs.LogEntry;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.oci.CgroupParent;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.oci.EtcFiles;
import dev.berth.embedded.oci.HostLimits;
import dev.berth.embedded.oci.HostName;
import dev.berth.embedded.oci.OciRuntime;
import dev.berth.embedded.oci.OciRuntimeException;
import dev.berth.embedded.oci.OciSpecFactory;
import dev.berth.embedded.oci.RuntimeProbe;
import dev.berth.embedded.oci.RuntimeState;
import dev.berth.embedded.shim.ExecTerminal;
import dev.berth.embedded.shim.ShimAttachment;
import dev.berth.embedded.shim.ShimBinary;
import dev.berth.embedded.shim.ShimDirectory;
import dev.berth.embedded.shim.ShimExit;
import dev.berth.embedded.shim.ShimExitWatcher;
import dev.berth.embedded.shim.ShimLauncher;
import dev.berth.embedded.shim.ShimSockets;
import dev.berth.embedded.shim.SignalNumbers;
import dev.berth.embedded.shim.TerminalExec;
import dev.berth.embedded.snapshot.OverlaySnapshotter;
import dev.berth.embedded.util.Files2;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The embedded container engine: images from an {@link ImageStore}, an overlay root per container, an OCI bundle
 * run by runc (or crun) as a child of this process, json-file logs, state persisted under {@link EngineOptions#root()}
 * so a new instance finds the containers again. Container references are full ids, unique id prefixes or names.
 */
public final class EmbeddedEngine implements AutoCloseable {
    private static final int DEFAULT_STOP_SECONDS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path TINI = Path.of("/usr/bin/tini-static");

    private final EngineOptions options;
    private final ImageStore images;
    private final OverlaySnapshotter snapshots;
    /** Devices of local-driver volumes with options, mounted while containers using them run. */
    private final dev.berth.embedded.volume.VolumeDeviceMounts volumeDevices =
            new dev.berth.embedded.volume.VolumeDeviceMounts();
    private final ContainerStore containers;
    private final OciRuntime runtime;
    private final OciSpecFactory specs;
    private final Map<String, RunningContainer> running = new ConcurrentHashMap<>();
    private final Map<String, RestartBackoff> backoffs = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pendingRestarts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "berth-engine-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final HealthProber health;
    private final Map<String, Image> imagesById = new ConcurrentHashMap<>();
    private final dev.berth.embedded.events.EngineEventBus events = new dev.berth.embedded.events.EngineEventBus();
    private final ContainerNetworking networking;
    private final ShimLauncher shims;
    private final ExecRunner execs;
    private final ShimSockets sockets;
    private final ShimExitWatcher exits;
    /** Exits are handled in parallel (a stack going down ends many containers at once); idle threads go away. */
    private final ExecutorService exitHandlers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "berth-engine-exit");
        thread.setDaemon(true);
        return thread;
    });

    private EmbeddedEngine(EngineOptions options, OciRuntime runtime, ContainerNetworking networking) {
        this.options = options;
        this.networking = networking;
        this.images = ImageStore.open(options.root().resolve("images"));
        this.snapshots = new OverlaySnapshotter(options.root().resolve("snapshots"));
        this.containers = new ContainerStore(options.root().resolve("containers"));
        this.runtime = runtime;
        this.specs = new OciSpecFactory(HostLimits.current(), Files.isExecutable(TINI) ? TINI : null);
        this.health = new HealthProber(scheduler, options.clock());
        Path shim = ShimBinary.install(options.root().resolve("bin"));
        this.shims = new ShimLauncher(shim, runtime);
        this.sockets = new ShimSockets(options.runDir());
        this.execs = new ExecRunner(runtime, specs, new TerminalExec(shim, runtime, sockets));
        this.exits = new ShimExitWatcher(this::onShimEnded);
    }

    /** Opens the engine without bridge networking (containers get a loopback-only or the host's network). */
    public static EmbeddedEngine open(EngineOptions options) {
        return open(options, ContainerNetworking.unavailable());
    }

    /**
     * Opens the engine and takes over what the containers' shims say (see {@code recover}): exits that happened
     * while no engine ran are recorded, running containers are adopted (their exit watched, their networking
     * served again).
     */
    public static EmbeddedEngine open(EngineOptions options, ContainerNetworking networking) {
        try {
            Files.createDirectories(options.root());
            Files.createDirectories(options.runDir().resolve("containers"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedEngine engine = new EmbeddedEngine(options, RuntimeProbe.select(options.runtime(), options.runDir()),
                networking);
        engine.recover();
        engine.restartOnEngineStart();
        return engine;
    }

    /** Container state changes as they happen (create, start, die, stop, kill, destroy, health, ...). */
    public dev.berth.embedded.events.EngineEventBus events() {
        return events;
    }

    private void emit(ContainerInfo info, String action, Map<String, String> details) {
        events.publish(new dev.berth.embedded.events.ContainerEvent(action, info.id(), info.name(),
                info.config().image(), info.config().labels(), details, Instant.now(options.clock())));
    }

    public ImageStore images() {
        return images;
    }

    /** The directory holding a container's changes to its image (the overlay upper directory). */
    public Path writableLayer(String id) {
        return snapshots.upper(id);
    }

    /** The OCI runtime in use ({@code runc} or {@code crun}). */
    public String runtimeName() {
        return runtime.name();
    }

    /**
     * Adopts what the shims say about the containers of an earlier engine: exits that happened meanwhile are
     * recorded with their real code (and restart policies applied), running containers are re-owned (their exit
     * watched, attach possible, networking served, healthchecks probed), also those the earlier engine started but
     * did not record as started; a container whose shim died is reconciled with runc's state (killed if it still
     * ran). Containers of an engine before berth-shim are recognised by runc's state alone.
     */
    private void recover() {
        for (ContainerInfo info : containers.all()) {
            ShimDirectory shim = shimDirectory(info.id());
            Optional<ShimExit> exit = shim.exit();
            if (exit.isPresent()) {
                boolean recorded = !info.state().isRunning()
                        && exit.get().finishedAt().toString().equals(info.state().finishedAt());
                if (!recorded) {
                    adoptExit(info, new Ending(exit.get(), null));
                }
                shim.consumeExit();
            } else if (shim.shimAlive(info.id())) {
                adoptRunning(info, shim);
            } else if (info.state().isRunning() && shim.used()) {
                adoptExit(info, endWithoutShim(info.id()));
            } else if (info.state().isRunning()) {
                recoverWithoutShim(info);
            } else {
                releaseShmQuietly(info); // an engine that died while starting it
            }
        }
    }

    /** A container that ended while no engine ran: its exit is recorded and what it held released. */
    private void adoptExit(ContainerInfo info, Ending ending) {
        if (runtime.exists(info.id())) {
            runtime.delete(info.id(), true);
        }
        snapshots.unmount(info.id());
        releaseShmQuietly(info);
        volumeDevices.release(info.id(), info.config().binds());
        releaseNetworkQuietly(info);
        recordExit(info, ending, false);
    }

    /** A container whose shim still runs: supervised again, recorded as running if the earlier engine had not. */
    private void adoptRunning(ContainerInfo info, ShimDirectory shim) {
        ContainerInfo current = info;
        if (!info.state().isRunning()) {
            // the earlier engine died between the shim's start and its record
            Optional<Image> image = images.find(info.imageId());
            ContainerConfig.Healthcheck check = image.map(i -> healthcheck(info.config(), i))
                    .orElse(info.config().healthcheck());
            String startedAt = shim.startedAt().map(Instant::toString).orElseGet(this::now);
            current = info.withState(info.state().running(shim.initPid().orElse(0), startedAt,
                    check != null && !check.disabled() ? Health.starting() : null));
            containers.save(current);
            emit(current, "start", Map.of());
        }
        RunningContainer handle = new RunningContainer(info.id(), shim);
        running.put(info.id(), handle);
        volumeDevices.adopt(info.id(), info.config().binds());
        exits.watch(info.id(), shim);
        if (current.config().network() == ContainerConfig.NetworkMode.BRIDGE) {
            networking.adopt(current);
        }
        resumeHealthProbes(current);
    }

    /**
     * A container recorded as running without any shim state: started by an engine before berth-shim (or the run
     * directory was emptied by a reboot). runc's state decides: gone means exited with an unknown code; running
     * means adopted without supervision (no log capture, no exit code), as before.
     */
    private void recoverWithoutShim(ContainerInfo info) {
        Optional<RuntimeState> state = runtime.state(info.id());
        if (state.isEmpty() || state.get().status().equals("stopped")) {
            runtime.delete(info.id(), true);
            snapshots.unmount(info.id());
            releaseShmQuietly(info);
            releaseNetwork(info);
            containers.save(info.withState(info.state().exited(255, false, now(),
                    "the engine restarted while the container ran; its exit code is unknown")));
        } else {
            volumeDevices.adopt(info.id(), info.config().binds());
            if (info.config().network() == ContainerConfig.NetworkMode.BRIDGE) {
                networking.adopt(info);
            }
            resumeHealthProbes(info);
        }
    }

    /**
     * Probes an adopted container's healthcheck again, so that its health moves on from what the previous engine
     * recorded (a container still {@code starting} when that engine died would stay so, and whoever waits for it
     * to be healthy would wait forever). Probing stops once the container is no longer recorded as running.
     */
    private void resumeHealthProbes(ContainerInfo info) {
        String id = info.id();
        Optional<Image> image = images.find(info.imageId());
        ContainerConfig.Healthcheck check = info.config().healthcheck() != null || image.isEmpty()
                ? info.config().healthcheck() : healthcheck(info.config(), image.get());
        if (check == null || check.disabled()) {
            return;
        }
        health.watch(id, check, (hc, timeout) -> execIn(id, new ExecConfig(hc.command(), Map.of(), null, null),
                timeout), () -> containers.get(id).map(c -> c.state().isRunning()).orElse(false),
                change -> updateHealth(id, change));
    }

    /** Releases a container's bridge networking, if it has any. */
    private void releaseNetwork(ContainerInfo info) {
        if (info.config().network() == ContainerConfig.NetworkMode.BRIDGE) {
            networking.tearDown(info);
        }
    }

    /**
     * The network namespace a starting container joins (null: a new one or the host's, by its mode) and the /etc
     * files it sees: bridge containers get theirs from the network layer, {@code container:} ones share the other
     * container's namespace and its hosts and resolv.conf.
     */
    private record NetworkJoin(Path namespace, EtcFiles.Paths etc) {
    }

    private NetworkJoin joinNetwork(ContainerInfo info, Path dir) {
        EtcFiles.Paths own = EtcFiles.existing(dir).orElseGet(() -> EtcFiles.write(dir, info.config(), info.hostname()));
        switch (info.config().network()) {
            case BRIDGE -> {
                ContainerNetworking.Setup setup = networking.setUp(info);
                try {
                    EtcFiles.rewriteNetworkFiles(own, setup.hosts(), setup.resolvConf());
                } catch (RuntimeException e) {
                    networking.tearDown(info);
                    throw e;
                }
                return new NetworkJoin(setup.namespace(), own);
            }
            case CONTAINER -> {
                ContainerInfo other = runningPeer(info, info.config().networkContainer(), "network");
                EtcFiles.Paths theirs = EtcFiles.existing(containers.dir(other.id())).orElse(own);
                return new NetworkJoin(Path.of("/proc", Integer.toString(other.state().pid()), "ns", "net"),
                        new EtcFiles.Paths(theirs.hosts(), theirs.resolvConf(), own.hostname()));
            }
            default -> {
                return new NetworkJoin(null, own);
            }
        }
    }

    /** The running container {@code reference} whose {@code what} namespace {@code info} shares. */
    private ContainerInfo runningPeer(ContainerInfo info, String reference, String what) {
        ContainerInfo other = containers.find(reference).orElseThrow(() -> new EngineException.NotFound(reference));
        if (other.state().status() != ContainerStatus.RUNNING || other.state().pid() <= 0) {
            throw new EngineException.Conflict("container " + info.name() + " shares the " + what + " namespace of "
                    + other.name() + ", which is not running: start " + other.name() + " first");
        }
        return other;
    }

    /**
     * The host directory bound as {@code info}'s {@code /dev/shm}, as Docker shares it: with IPC mode
     * {@code shareable} its own tmpfs, mounted now; with {@code container:<x>} that of x (which must run and be
     * shareable, or have the host's IPC, or itself join such a container). Null otherwise: a private container gets
     * a tmpfs inside its own mount namespace, with nothing mounted on the host.
     */
    private Path sharedShm(ContainerInfo info) {
        ContainerConfig.Namespaces namespaces = info.config().namespaces();
        if (namespaces.shareable("ipc")) {
            Long size = info.config().shmSize();
            return ShareableShm.mount(containers.dir(info.id()), size != null ? size : OciSpecFactory.DEFAULT_SHM_SIZE);
        }
        Optional<String> donor = namespaces.container("ipc");
        return donor.isEmpty() ? null : donorShm(info, runningPeer(info, donor.get(), "ipc"), new HashSet<>());
    }

    /** The host directory holding the {@code /dev/shm} of {@code donor}, whose IPC namespace {@code joiner} joins. */
    private Path donorShm(ContainerInfo joiner, ContainerInfo donor, Set<String> seen) {
        ContainerConfig.Namespaces namespaces = donor.config().namespaces();
        if (namespaces.host("ipc")) {
            return Path.of("/dev/shm");
        }
        if (namespaces.shareable("ipc")) {
            Path dir = containers.dir(donor.id());
            if (!ShareableShm.mounted(dir)) {
                throw new EngineException.Conflict("container " + joiner.name() + " joins the IPC namespace of "
                        + donor.name() + ", whose shareable /dev/shm is not mounted (it was started by an engine that"
                        + " did not share /dev/shm): restart " + donor.name() + ", then start " + joiner.name());
            }
            return ShareableShm.path(dir);
        }
        Optional<String> further = namespaces.container("ipc");
        if (further.isPresent() && seen.add(donor.id())) {
            return donorShm(joiner, runningPeer(donor, further.get(), "ipc"), seen);
        }
        throw new EngineException.Conflict("container " + donor.name() + ": non-shareable IPC (hint: use"
                + " IpcMode:shareable for the donor container): " + joiner.name() + " joins its IPC namespace and"
                + " /dev/shm, which only a container created with IPC mode shareable (or host) offers; recreate "
                + donor.name() + " with IPC mode shareable (Compose: 'ipc: shareable' on its service), start it,"
                + " then start " + joiner.name());
    }

    /** Unmounts the host-side {@code /dev/shm} of a shareable container that no longer runs. */
    private void releaseShm(ContainerInfo info) {
        if (info.config().namespaces().shareable("ipc")) {
            ShareableShm.unmount(containers.dir(info.id()));
        }
    }

    private void releaseShmQuietly(ContainerInfo info) {
        try {
            releaseShm(info);
        } catch (RuntimeException e) {
            // remove() unmounts again and reports it
        }
    }

    /** The {@code /proc/<pid>} of the running containers whose IPC and PID namespaces {@code info} joins, by kind. */
    private Map<String, Path> namespacePeers(ContainerInfo info) {
        Map<String, Path> peers = new LinkedHashMap<>();
        for (String kind : List.of("ipc", "pid")) {
            info.config().namespaces().container(kind).ifPresent(reference -> peers.put(kind,
                    Path.of("/proc", Integer.toString(runningPeer(info, reference, kind).state().pid()))));
        }
        return peers;
    }

    /** Docker's daemon-start rule: {@code always} containers start again, {@code unless-stopped} unless stopped by hand. */
    private void restartOnEngineStart() {
        for (ContainerInfo info : containers.all()) {
            ContainerConfig.RestartPolicy.Name policy = info.config().restartPolicy().name();
            boolean wanted = policy == ContainerConfig.RestartPolicy.Name.ALWAYS
                    || (policy == ContainerConfig.RestartPolicy.Name.UNLESS_STOPPED && !info.state().stoppedByUser())
                    || (policy == ContainerConfig.RestartPolicy.Name.ON_FAILURE
                        && info.state().status() == ContainerStatus.RESTARTING);
            if (wanted && !info.state().isRunning() && info.state().status() != ContainerStatus.CREATED) {
                try {
                    startContainer(info.id(), false);
                } catch (RuntimeException e) {
                    containers.save(current(info.id()).withState(current(info.id()).state()
                            .exited(current(info.id()).state().exitCode(), false, now(), e.getMessage())));
                }
            }
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Creates a container (resolving the image now); returns its id. Names must be unique. */
    public synchronized String create(ContainerConfig config) {
        Image image = images.resolve(config.image());
        String id = HexFormat.of().formatHex(randomBytes());
        String name = config.name() != null ? config.name() : "berth_" + id.substring(0, 12);
        if (containers.find(name).filter(c -> c.name().equals(name)).isPresent()) {
            throw new EngineException.Conflict("the container name \"" + name + "\" is already in use (remove that"
                    + " container or choose another name)");
        }
        String hostname = config.namespaces().host("uts") ? HostName.current()
                : config.hostname() != null && !config.hostname().isEmpty() ? config.hostname() : id.substring(0, 12);
        ContainerInfo info = new ContainerInfo(id, name, now(), image.id().toString(), hostname, config,
                ContainerState.CREATED);
        containers.save(info);
        EtcFiles.write(containers.dir(id), config, hostname);
        emit(info, "create", Map.of());
        return id;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Starts a created or exited container; returns once its process exists. Starting a running one is a no-op. */
    public void start(String reference) {
        startContainer(find(reference).id(), true);
    }

    private void startContainer(String id, boolean byUser) {
        synchronized (lock(id)) {
            ContainerInfo info = containers.get(id).orElseThrow(() -> new EngineException.NotFound(id));
            if (info.state().isRunning()) {
                return;
            }
            if (byUser) {
                cancelPendingRestart(id);
                backoffs.remove(id);
            }
            Image image = image(info.imageId());
            Path dir = containers.dir(id);
            ShimDirectory shim = shimDirectory(id);
            boolean networkSetUp = false;
            RunningContainer handle = null;
            try {
                Files.createDirectories(shim.path());
                shim.clear();
                Path sharedShm = sharedShm(info);
                Path rootfs = snapshots.mount(id, images.layerDirs(image));
                volumeDevices.acquire(id, info.config().binds());
                NetworkJoin join = joinNetwork(info, dir);
                networkSetUp = info.config().network() == ContainerConfig.NetworkMode.BRIDGE;
                ObjectNode spec = specs.spec(id, info.config(), image.config().defaults(), rootfs, join.etc(),
                        info.hostname(), CgroupParent.pathOf(id), join.namespace(), namespacePeers(info), sharedShm);
                Files2.writeAtomically(dir.resolve("config.json"), Json.write(spec));
                // registered before the start, so that an exit at once is seen; it is handled under the lock, so
                // after the start is recorded
                handle = new RunningContainer(id, shim);
                running.put(id, handle);
                exits.watch(id, shim);
                int pid = shims.start(new ShimLauncher.Launch(id, dir, shim, logPath(id), info.config().logMaxSize(),
                        info.config().logMaxFiles(), info.config().tty(), info.config().openStdin(),
                        info.config().stdinOnce()));
                ContainerConfig.Healthcheck check = healthcheck(info.config(), image);
                boolean probing = check != null && !check.disabled();
                containers.save(info.withState(info.state().running(pid, now(), probing ? Health.starting() : null)));
                emit(info, "start", Map.of());
                if (probing) {
                    RunningContainer probed = handle;
                    health.watch(id, check, (hc, timeout) -> execIn(id, new ExecConfig(hc.command(), Map.of(), null, null),
                            timeout), () -> running.get(id) == probed, change -> updateHealth(id, change));
                }
            } catch (ShimLauncher.StartFailed e) {
                String why = lastStderr(id).orElse(e.getMessage());
                undoStart(info, handle, networkSetUp, null);
                containers.save(info.withState(info.state().exited(startFailureCode(why), false, now(), why)));
                throw new OciRuntimeException("cannot start container " + info.name() + ": " + why);
            } catch (IOException e) {
                undoStart(info, handle, networkSetUp, e);
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                undoStart(info, handle, networkSetUp, e);
                throw e;
            }
        }
    }

    /** Docker's codes for a process that could not be started: 127 not found, 126 not executable, else 128. */
    private static int startFailureCode(String why) {
        String text = why.toLowerCase(java.util.Locale.ROOT);
        return text.contains("no such file") || text.contains("not found") ? 127
                : text.contains("permission denied") ? 126 : 128;
    }

    /** Releases what a start that failed had made; problems doing so are added to {@code failure}. */
    private void undoStart(ContainerInfo info, RunningContainer handle, boolean networkSetUp, Exception failure) {
        String id = info.id();
        try {
            if (handle != null) {
                exits.unwatch(id);
                running.remove(id, handle);
            }
            if (runtime.exists(id)) {
                runtime.delete(id, true);
            }
            snapshots.unmount(id);
            releaseShm(info);
            volumeDevices.release(id, info.config().binds());
            if (networkSetUp) {
                networking.tearDown(info);
            }
        } catch (RuntimeException suppressed) {
            if (failure == null) {
                throw suppressed;
            }
            failure.addSuppressed(suppressed);
        }
    }

    /** The last lines the runtime (or the container) wrote to stderr, if any. */
    private Optional<String> lastStderr(String id) {
        List<LogEntry> tail = JsonFileLogReader.read(logPath(id), new LogQuery(false, true, null, null, 3, false));
        StringBuilder why = new StringBuilder();
        tail.forEach(e -> why.append(e.line().trim()).append(' '));
        return why.toString().isBlank() ? Optional.empty() : Optional.of(why.toString().trim());
    }

    private ShimDirectory shimDirectory(String id) {
        return sockets.container(id, runDir(id));
    }

    /** The shim of a running container wrote its exit record, or died without one. */
    private void onShimEnded(String id) {
        RunningContainer handle = running.get(id);
        if (handle != null && handle.claimEnd()) {
            exitHandlers.execute(() -> monitor(handle));
        }
    }

    /** How a container ended when its shim could not say: why, and the code recorded for it. */
    private record Ending(ShimExit exit, String error) {
    }

    /**
     * A container whose shim is gone without an exit record cannot be supervised any more (nobody collects its
     * output or its exit): runc's state says whether it still ran; if so it is killed.
     */
    private Ending endWithoutShim(String id) {
        boolean ran = runtime.state(id).filter(s -> !s.status().equals("stopped")).isPresent();
        if (runtime.exists(id)) {
            runtime.delete(id, true);
        }
        return ran ? new Ending(new ShimExit(137, false, Instant.now(options.clock())),
                        "its monitor (berth-shim) died, so the container was killed")
                : new Ending(new ShimExit(255, false, Instant.now(options.clock())),
                        "its monitor (berth-shim) died; the exit code is unknown");
    }

    private void monitor(RunningContainer handle) {
        String id = handle.id;
        Ending ending = handle.shim.exit().map(exit -> new Ending(exit, null)).orElseGet(() -> endWithoutShim(id));
        synchronized (lock(id)) {
            health.cancel(id);
            containers.get(id).ifPresent(info -> recordExit(info, ending, handle.stopRequested.get()));
            running.remove(id, handle);
            // released before waiters go on, so a stopped container has no addresses, names, ports or host-side
            // /dev/shm left
            containers.get(id).ifPresent(this::releaseNetworkQuietly);
            containers.get(id).ifPresent(this::releaseShmQuietly);
            // waiters may go on now; anything that needs the container again takes this lock and so runs after
            // the clean-up below
            handle.exit.complete(new ExitStatus(ending.exit().exitCode(), ending.exit().oomKilled()));
            if (runtime.exists(id)) {
                runtime.delete(id, true);
            }
            try {
                snapshots.unmount(id);
            } catch (RuntimeException e) {
                // remove() retries the unmount
            }
            containers.get(id).ifPresent(info -> volumeDevices.release(id, info.config().binds()));
            handle.shim.consumeExit();
        }
    }

    /** Records an exit and applies the restart policy (Docker's backoff), unless the container was being stopped. */
    private void recordExit(ContainerInfo info, Ending ending, boolean stopRequested) {
        ShimExit exit = ending.exit();
        ContainerState exited = info.state().exited(exit.exitCode(), exit.oomKilled(), exit.finishedAt().toString(),
                ending.error());
        Duration uptime = info.state().startedAt() == null ? Duration.ZERO
                : Duration.between(Instant.parse(info.state().startedAt()), exit.finishedAt());
        Optional<Duration> delay = stopRequested ? Optional.empty()
                : backoffs.computeIfAbsent(info.id(), k -> new RestartBackoff()).next(info.config().restartPolicy(),
                exit.exitCode(), exited.stoppedByUser(), exited.restartCount(), uptime);
        if (delay.isPresent()) {
            containers.save(info.withState(exited.restarting()));
            pendingRestarts.put(info.id(), scheduler.schedule(() -> restartNow(info.id()), delay.get().toMillis(),
                    TimeUnit.MILLISECONDS));
        } else {
            containers.save(info.withState(exited));
        }
        if (exit.oomKilled()) {
            emit(info, "oom", Map.of());
        }
        emit(info, "die", Map.of("exitCode", Integer.toString(exit.exitCode())));
    }

    private void releaseNetworkQuietly(ContainerInfo info) {
        try {
            releaseNetwork(info);
        } catch (RuntimeException e) {
            // remove() releases again and reports it
        }
    }

    /** The container's healthcheck, else the image's HEALTHCHECK (nanoseconds converted to milliseconds). */
    private static ContainerConfig.Healthcheck healthcheck(ContainerConfig config, Image image) {
        if (config.healthcheck() != null) {
            return config.healthcheck();
        }
        dev.berth.embedded.image.ImageConfig.HealthConfig fromImage = image.config().defaults().healthcheck();
        if (fromImage == null || fromImage.test() == null || fromImage.test().isEmpty()) {
            return null;
        }
        return new ContainerConfig.Healthcheck(fromImage.test(), fromImage.interval() / 1_000_000,
                fromImage.timeout() / 1_000_000, fromImage.retries(), fromImage.startPeriod() / 1_000_000,
                fromImage.startInterval() / 1_000_000);
    }

    /** Images are immutable per id, so resolved ones are cached. */
    private Image image(String imageId) {
        return imagesById.computeIfAbsent(imageId, images::resolve);
    }

    private void restartNow(String id) {
        pendingRestarts.remove(id);
        try {
            startContainer(id, false);
        } catch (RuntimeException e) {
            containers.get(id).ifPresent(info -> containers.save(info.withState(info.state()
                    .exited(info.state().exitCode(), false, now(), "restart failed: " + e.getMessage()))));
        }
    }

    private boolean cancelPendingRestart(String id) {
        ScheduledFuture<?> pending = pendingRestarts.remove(id);
        return pending != null && pending.cancel(false);
    }

    private Health updateHealth(String id, java.util.function.UnaryOperator<Health> change) {
        synchronized (lock(id)) {
            ContainerInfo info = current(id);
            Health previous = info.state().health();
            Health next = change.apply(previous);
            if (info.state().isRunning()) {
                containers.save(info.withState(info.state().withHealth(next)));
                if (next != null && (previous == null || !next.status().equals(previous.status()))) {
                    emit(info, "health_status: " + next.status(), Map.of());
                }
            }
            return next;
        }
    }

    /**
     * Sends the stop signal (container's, else image's STOPSIGNAL, else SIGTERM), waits up to {@code grace}
     * (null = the container's stop timeout, default 10 s), then SIGKILLs every process of the container.
     */
    public ExitStatus stop(String reference, Duration grace) {
        ContainerInfo before = find(reference);
        boolean wasRunning = before.state().isRunning();
        ExitStatus status = stopContainer(before, grace);
        if (wasRunning) {
            emit(current(before.id()), "stop", Map.of());
        }
        return status;
    }

    private ExitStatus stopContainer(ContainerInfo info, Duration grace) {
        synchronized (lock(info.id())) {
            cancelPendingRestart(info.id());
            info = current(info.id());
            ContainerState state = info.state().stoppedByUser(true);
            if (state.status() == ContainerStatus.RESTARTING) {
                state = state.withStatus(ContainerStatus.EXITED);
            }
            info = info.withState(state);
            containers.save(info);
        }
        RunningContainer handle = running.get(info.id());
        if (handle == null) {
            return adoptedStop(info, grace);
        }
        handle.stopRequested.set(true);
        Duration timeout = grace != null ? grace : Duration.ofSeconds(info.config().stopTimeoutSeconds() != null
                ? info.config().stopTimeoutSeconds() : DEFAULT_STOP_SECONDS);
        if (info.state().status() == ContainerStatus.PAUSED) {
            runtime.resume(info.id());
        }
        try {
            emit(info, "kill", Map.of("signal", stopSignal(info)));
            signalInit(info.id(), stopSignal(info));
        } catch (OciRuntimeException e) {
            // already gone: wait below returns at once
        }
        try {
            return handle.exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            killAll(info.id());
            return await(handle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while stopping " + info.name());
        } catch (ExecutionException e) {
            throw new EngineException("waiting for " + info.name() + " failed", e.getCause());
        }
    }

    private ExitStatus adoptedStop(ContainerInfo info, Duration grace) {
        if (!info.state().isRunning()) {
            return new ExitStatus(info.state().exitCode(), info.state().oomKilled());
        }
        killAll(info.id());
        runtime.delete(info.id(), true);
        snapshots.unmount(info.id());
        releaseShm(info);
        volumeDevices.release(info.id(), info.config().binds());
        releaseNetwork(info);
        containers.save(info.withState(info.state().exited(137, false, now(), null)));
        return new ExitStatus(137, false);
    }

    private void killAll(String id) {
        try {
            runtime.kill(id, "KILL", true);
        } catch (OciRuntimeException e) {
            // exited meanwhile
        }
    }

    private String stopSignal(ContainerInfo info) {
        if (info.config().stopSignal() != null) {
            return info.config().stopSignal();
        }
        String image = images.find(info.imageId()).map(i -> i.config().defaults().stopSignal()).orElse(null);
        return image != null && !image.isEmpty() ? image : "TERM";
    }

    /** Sends a signal (e.g. {@code KILL}, {@code SIGHUP}, {@code 9}) to the container's main process. */
    public void kill(String reference, String signal) {
        ContainerInfo info = find(reference);
        if (!info.state().isRunning()) {
            throw new EngineException.Conflict("container " + info.name() + " is not running (start it first)");
        }
        emit(info, "kill", Map.of("signal", signal));
        signalInit(info.id(), signal);
    }

    /**
     * Signals the container's main process through its shim (no process to start, which counts when a whole stack
     * stops at once), else through the runtime, which also says why it cannot when the container has ended.
     */
    private void signalInit(String id, String signal) {
        RunningContainer handle = running.get(id);
        OptionalInt number = SignalNumbers.of(signal);
        if (handle != null && number.isPresent() && handle.shim.signal(number.getAsInt())) {
            return;
        }
        runtime.kill(id, signal, false);
    }

    public void pause(String reference) {
        ContainerInfo info = find(reference);
        synchronized (lock(info.id())) {
            runtime.pause(info.id());
            containers.save(current(info.id()).withState(current(info.id()).state().withStatus(ContainerStatus.PAUSED)));
            emit(info, "pause", Map.of());
        }
    }

    public void unpause(String reference) {
        ContainerInfo info = find(reference);
        synchronized (lock(info.id())) {
            runtime.resume(info.id());
            containers.save(current(info.id()).withState(current(info.id()).state().withStatus(ContainerStatus.RUNNING)));
            emit(info, "unpause", Map.of());
        }
    }

    /** Blocks until the container is not running and returns how it ended. */
    public ExitStatus await(String reference) {
        ContainerInfo info = find(reference);
        RunningContainer handle = running.get(info.id());
        if (handle != null) {
            return await(handle);
        }
        while (info.state().isRunning() && runtime.state(info.id()).filter(s -> !s.status().equals("stopped")).isPresent()) {
            sleep(100);
        }
        info = current(info.id());
        return new ExitStatus(info.state().exitCode(), info.state().oomKilled());
    }

    private ExitStatus await(RunningContainer handle) {
        try {
            return handle.exit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for " + handle.id);
        } catch (ExecutionException e) {
            throw new EngineException("waiting for " + handle.id + " failed", e.getCause());
        }
    }

    /** Removes a container and everything it made (root file system, logs, /etc files). */
    public void remove(String reference, boolean force) {
        String id = find(reference).id();
        while (true) {
            ContainerInfo info = current(id);
            if (info.state().isRunning()) {
                if (!force) {
                    throw new EngineException.Conflict("container " + info.name() + " is running (stop it first or"
                            + " remove with force)");
                }
                RunningContainer handle = running.get(id);
                if (handle != null) {
                    handle.stopRequested.set(true);
                }
                killAll(id);
                if (handle != null) {
                    await(handle);
                } else {
                    adoptedStop(info, Duration.ZERO);
                }
                continue;
            }
            synchronized (lock(id)) {
                if (current(id).state().isRunning()) {
                    continue;
                }
                cancelPendingRestart(id);
                health.cancel(id);
                if (runtime.exists(id)) {
                    runtime.delete(id, true);
                }
                releaseNetwork(current(id));
                releaseShm(current(id));
                snapshots.remove(id);
                Files2.deleteTree(runDir(id));
                ContainerInfo removed = current(id);
                containers.delete(id);
                emit(removed, "destroy", Map.of());
                backoffs.remove(id);
                if (containers.all().isEmpty()) {
                    CgroupParent.host().removeIfEmpty();
                }
                return;
            }
        }
    }

    /**
     * Changes a container's configuration in place and returns the new record. A running bridge container's
     * network memberships change at once (connect/disconnect); other changes apply from the next start.
     */
    public ContainerInfo reconfigure(String reference, java.util.function.UnaryOperator<ContainerConfig> change) {
        ContainerInfo info = find(reference);
        synchronized (lock(info.id())) {
            ContainerInfo current = current(info.id());
            ContainerInfo updated = new ContainerInfo(current.id(), current.name(), current.created(), current.imageId(),
                    current.hostname(), change.apply(current.config()), current.state());
            if (current.state().isRunning() && updated.config().network() == ContainerConfig.NetworkMode.BRIDGE
                    && !updated.config().networks().equals(current.config().networks())) {
                ContainerNetworking.Setup setup = networking.update(current, updated);
                EtcFiles.existing(containers.dir(current.id())).ifPresent(etc ->
                        EtcFiles.rewriteNetworkFiles(etc, setup.hosts(), setup.resolvConf()));
            }
            containers.save(updated);
            return updated;
        }
    }

    /** Renames a container; names stay unique. */
    public synchronized void rename(String reference, String newName) {
        ContainerInfo info = find(reference);
        if (containers.find(newName).filter(c -> c.name().equals(newName) && !c.id().equals(info.id())).isPresent()) {
            throw new EngineException.Conflict("the container name \"" + newName + "\" is already in use (remove that"
                    + " container or choose another name)");
        }
        synchronized (lock(info.id())) {
            containers.save(current(info.id()).withName(newName));
            emit(current(info.id()), "rename", Map.of("oldName", "/" + info.name()));
        }
    }

    // ---------------------------------------------------------------- queries

    /** A one-shot resource sample of a running container (cgroup v1 or v2, as runc reports it). */
    public ContainerStats stats(String reference) {
        ContainerInfo info = find(reference);
        if (!info.state().isRunning()) {
            throw new EngineException.Conflict("container " + info.name() + " is not running (start it first)");
        }
        try {
            com.fasterxml.jackson.databind.JsonNode data = Json.MAPPER.readTree(runtime.statsJson(info.id())).path("data");
            return new ContainerStats(data.at("/memory/usage/usage").asLong(), data.at("/memory/usage/limit").asLong(),
                    data.at("/cpu/usage/total").asLong(), data.at("/pids/current").asLong());
        } catch (IOException e) {
            throw new EngineException("invalid stats from " + runtime.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code action} on the container's root file system and bind mounts, running or not: the mounted overlay
     * while the container runs, else the overlay mounted for the duration of the call. The container cannot start
     * meanwhile.
     */
    public <T> T withRootfs(String reference, java.util.function.Function<dev.berth.embedded.files.ContainerRoot, T> action) {
        String id = find(reference).id();
        synchronized (lock(id)) {
            ContainerInfo info = current(id);
            boolean wasMounted = dev.berth.embedded.snapshot.Mounts.isMountPoint(snapshots.merged(id));
            Path rootfs = snapshots.mount(id, images.layerDirs(image(info.imageId())));
            // A running container is frozen while its files are resolved and copied, as dockerd does for docker cp
            // (CVE-2018-15664): otherwise a process inside could swap a directory on the resolved path for a link
            // to a host path between the check and the copy.
            boolean frozen = info.state().status() == ContainerStatus.RUNNING && running.containsKey(id);
            if (frozen) {
                runtime.pause(id);
            }
            try {
                List<ContainerConfig.BindMount> binds = info.config().binds() == null ? List.of() : info.config().binds();
                return action.apply(new dev.berth.embedded.files.ContainerRoot(info.name(), rootfs, binds));
            } finally {
                if (frozen) {
                    thaw(id);
                }
                if (!wasMounted && !running.containsKey(id)) {
                    snapshots.unmount(id);
                }
            }
        }
    }

    /** Resumes a container frozen for a file copy; one that ended meanwhile has nothing to resume. */
    private void thaw(String id) {
        try {
            runtime.resume(id);
        } catch (RuntimeException e) {
            if (runtime.state(id).filter(s -> !s.status().equals("stopped")).isPresent()) {
                throw e;
            }
        }
    }

    /** The container's processes as host pids with their command lines (what {@code top} shows). */
    public List<ProcessInfo> top(String reference) {
        ContainerInfo info = find(reference);
        if (!info.state().isRunning()) {
            throw new EngineException.Conflict("container " + info.name() + " is not running (start it first)");
        }
        List<ProcessInfo> out = new ArrayList<>();
        for (int pid : runtime.pids(info.id())) {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "cmdline"));
                List<String> args = new ArrayList<>();
                int from = 0;
                for (int i = 0; i < raw.length; i++) {
                    if (raw[i] == 0) {
                        args.add(new String(raw, from, i - from, StandardCharsets.UTF_8));
                        from = i + 1;
                    }
                }
                out.add(new ProcessInfo(pid, args));
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return List.copyOf(out);
    }

    public ContainerInfo inspect(String reference) {
        return find(reference);
    }

    /** Containers whose labels contain every given entry (a null value matches any value of that key). */
    public List<ContainerInfo> list(Map<String, String> labels) {
        List<ContainerInfo> out = new ArrayList<>();
        for (ContainerInfo info : containers.all()) {
            boolean match = labels.entrySet().stream().allMatch(l -> info.config().labels().containsKey(l.getKey())
                    && (l.getValue() == null || l.getValue().equals(info.config().labels().get(l.getKey()))));
            if (match) {
                out.add(info);
            }
        }
        return List.copyOf(out);
    }

    /** Log entries matching the query; with follow, blocks and streams until the container stops. */
    public void logs(String reference, LogQuery query, Consumer<LogEntry> sink) {
        ContainerInfo info = find(reference);
        JsonFileLogReader.read(logPath(info.id()), query, sink, () -> current(info.id()).state().isRunning());
    }

    public List<LogEntry> logs(String reference, LogQuery query) {
        return JsonFileLogReader.read(logPath(find(reference).id()), query);
    }

    public Path logPath(String id) {
        return containers.dir(id).resolve(id + "-json.log");
    }

    /** Runs a process in the running container and waits for it; output is captured. */
    public ExecResult exec(String reference, ExecConfig exec) {
        return execIn(find(reference).id(), exec, null);
    }

    /**
     * Runs a process in the running container with its standard streams connected: output is copied to
     * {@code stdout} and {@code stderr} as it comes, {@code stdin} (null for none) is copied to the process until it
     * ends. Returns the exit code.
     */
    public int exec(String reference, ExecConfig exec, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return execStreams(find(reference).id(), exec, stdin, stdout, stderr, null);
    }

    /**
     * Runs a process in the running container on a pseudo-terminal (what {@code docker exec -t} does): {@code stdin}
     * (null for none) goes to the terminal, the terminal's output to {@code output} as it comes, and
     * {@code terminal} resizes it meanwhile. Returns the exit code.
     */
    public int execWithTerminal(String reference, ExecConfig exec, InputStream stdin, OutputStream output,
                                ExecTerminal terminal) {
        ExecRunner.Target target = execTarget(find(reference).id());
        try {
            return execs.withTerminal(target, exec, stdin, output, terminal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted during exec in " + target.container().name());
        }
    }

    /**
     * Attaches to a running container: its output from now on (with {@code replay}: since it started, as far as
     * its shim keeps it) and, when {@code stdin} and the container was created with stdin open, its stdin. Empty
     * when the container does not run (any more): its output is then all in its log.
     */
    public Optional<ShimAttachment> attach(String reference, boolean stdin, boolean replay) {
        ContainerInfo info = find(reference);
        if (!info.state().isRunning()) {
            return Optional.empty();
        }
        return ShimAttachment.open(shimDirectory(info.id()).socket(), stdin && info.config().openStdin(), replay);
    }

    /** Sets the size of a running container's terminal (rows and columns in characters). */
    public void resize(String reference, int rows, int cols) {
        ContainerInfo info = find(reference);
        if (!info.config().tty()) {
            throw new EngineException.Conflict("container " + info.name() + " has no terminal to resize (it was"
                    + " created without tty)");
        }
        if (!info.state().isRunning()) {
            throw new EngineException.Conflict("container " + info.name() + " is not running (start it first)");
        }
        try {
            shimDirectory(info.id()).resize(rows, cols);
        } catch (IOException e) {
            throw new EngineException("cannot resize the terminal of " + info.name() + ": " + e.getMessage(), e);
        }
    }

    private ExecResult execIn(String id, ExecConfig exec, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = execStreams(id, exec, null, out, err, timeout);
        return code == ExecRunner.TIMED_OUT ? new ExecResult(-1, "", "")
                : new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private int execStreams(String id, ExecConfig exec, InputStream stdin, OutputStream stdout, OutputStream stderr,
                            Duration timeout) {
        ExecRunner.Target target = execTarget(id);
        try {
            return execs.withPipes(target, exec, stdin, stdout, stderr, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted during exec in " + target.container().name());
        }
    }

    private ExecRunner.Target execTarget(String id) {
        ContainerInfo info = current(id);
        if (info.state().status() != ContainerStatus.RUNNING) {
            throw new EngineException.Conflict("container " + info.name() + " is not running (start it first)");
        }
        return new ExecRunner.Target(info, image(info.imageId()).config().defaults(), snapshots.merged(id), runDir(id));
    }

    // ---------------------------------------------------------------- helpers

    private ContainerInfo find(String reference) {
        return containers.find(reference).orElseThrow(() -> new EngineException.NotFound(reference));
    }

    private ContainerInfo current(String id) {
        return containers.get(id).orElseThrow(() -> new EngineException.NotFound(id));
    }

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private Path runDir(String id) {
        return options.runDir().resolve("containers").resolve(id);
    }

    private String now() {
        return Instant.now(options.clock()).toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves containers running; a new instance adopts them. */
    @Override
    public void close() {
        exits.close();
        scheduler.shutdownNow();
        exitHandlers.shutdown();
        running.clear();
        networking.close();
    }
}
