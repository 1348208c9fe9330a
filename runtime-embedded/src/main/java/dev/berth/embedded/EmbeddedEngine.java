package dev.berth.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.logs.JsonFileLogReader;
import dev.berth.embedded.logs.JsonFileLogWriter;
import dev.berth.embedded.logs.LogEntry;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.oci.CgroupParent;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.oci.EtcFiles;
import dev.berth.embedded.oci.HostLimits;
import dev.berth.embedded.oci.OciRuntime;
import dev.berth.embedded.oci.OciRuntimeException;
import dev.berth.embedded.oci.OciSpecFactory;
import dev.berth.embedded.oci.ResolvedUser;
import dev.berth.embedded.oci.RuntimeProbe;
import dev.berth.embedded.oci.RuntimeState;
import dev.berth.embedded.oci.UserResolver;
import dev.berth.embedded.snapshot.OverlaySnapshotter;
import dev.berth.embedded.util.Files2;
import dev.berth.embedded.util.Threads;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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

    private EmbeddedEngine(EngineOptions options, OciRuntime runtime, ContainerNetworking networking) {
        this.options = options;
        this.networking = networking;
        this.images = ImageStore.open(options.root().resolve("images"));
        this.snapshots = new OverlaySnapshotter(options.root().resolve("snapshots"));
        this.containers = new ContainerStore(options.root().resolve("containers"));
        this.runtime = runtime;
        this.specs = new OciSpecFactory(HostLimits.current(), Files.isExecutable(TINI) ? TINI : null);
        this.health = new HealthProber(scheduler, options.clock());
    }

    /** Opens the engine without bridge networking (containers get a loopback-only or the host's network). */
    public static EmbeddedEngine open(EngineOptions options) {
        return open(options, ContainerNetworking.unavailable());
    }

    /**
     * Opens the engine; containers recorded as running whose runtime state is gone are marked exited (and their
     * networking released), running ones are adopted (their networking served again).
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

    private void recover() {
        for (ContainerInfo info : containers.all()) {
            if (!info.state().isRunning()) {
                continue;
            }
            Optional<RuntimeState> state = runtime.state(info.id());
            if (state.isEmpty() || state.get().status().equals("stopped")) {
                runtime.delete(info.id(), true);
                snapshots.unmount(info.id());
                releaseNetwork(info);
                containers.save(info.withState(info.state().exited(255, false, now(),
                        "the engine restarted while the container ran; its exit code is unknown")));
            } else {
                if (info.config().network() == ContainerConfig.NetworkMode.BRIDGE) {
                    networking.adopt(info);
                }
                resumeHealthProbes(info);
            }
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
                ContainerInfo other = containers.find(info.config().networkContainer()).orElseThrow(() ->
                        new EngineException.NotFound(info.config().networkContainer()));
                if (other.state().status() != ContainerStatus.RUNNING || other.state().pid() <= 0) {
                    throw new EngineException.Conflict("container " + info.name() + " shares the network of "
                            + other.name() + ", which is not running: start " + other.name() + " first");
                }
                EtcFiles.Paths theirs = EtcFiles.existing(containers.dir(other.id())).orElse(own);
                return new NetworkJoin(Path.of("/proc", Integer.toString(other.state().pid()), "ns", "net"),
                        new EtcFiles.Paths(theirs.hosts(), theirs.resolvConf(), own.hostname()));
            }
            default -> {
                return new NetworkJoin(null, own);
            }
        }
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
        String hostname = config.hostname() != null && !config.hostname().isEmpty() ? config.hostname() : id.substring(0, 12);
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
            Path runDir = runDir(id);
            RunningContainer handle = null;
            boolean networkSetUp = false;
            try {
                Files.createDirectories(runDir);
                Path rootfs = snapshots.mount(id, images.layerDirs(image));
                NetworkJoin join = joinNetwork(info, dir);
                networkSetUp = info.config().network() == ContainerConfig.NetworkMode.BRIDGE;
                ObjectNode spec = specs.spec(id, info.config(), image.config().defaults(), rootfs, join.etc(),
                        info.hostname(), CgroupParent.pathOf(id), join.namespace());
                Files2.writeAtomically(dir.resolve("config.json"), Json.write(spec));
                Path pidFile = runDir.resolve("pid");
                Files.deleteIfExists(pidFile);
                JsonFileLogWriter log = new JsonFileLogWriter(logPath(id), options.clock(), info.config().logMaxSize(),
                        info.config().logMaxFiles());
                Process process = runtime.run(id, dir, pidFile);
                handle = new RunningContainer(id, process, log);
                if (info.config().resources().memory() != null) {
                    awaitPidFile(pidFile, process);
                    if (process.isAlive()) {
                        handle.watchOom(runtime.events(id));
                    }
                }
                int pid = awaitPidFile(pidFile, process);
                if (pid == 0) {
                    int code = handle.awaitExit();
                    log.close();
                    snapshots.unmount(id);
                    releaseNetwork(info);
                    networkSetUp = false;
                    String why = lastStderr(id);
                    containers.save(info.withState(info.state().exited(code == 0 ? 127 : code, false, now(), why)));
                    throw new OciRuntimeException("cannot start container " + info.name() + ": " + why);
                }
                running.put(id, handle);
                ContainerConfig.Healthcheck check = healthcheck(info.config(), image);
                boolean probing = check != null && !check.disabled();
                containers.save(info.withState(info.state().running(pid, now(), probing ? Health.starting() : null)));
                emit(info, "start", Map.of());
                if (probing) {
                    RunningContainer probed = handle;
                    health.watch(id, check, (hc, timeout) -> execIn(id, new ExecConfig(hc.command(), Map.of(), null, null),
                            timeout), () -> running.get(id) == probed, change -> updateHealth(id, change));
                }
                RunningContainer monitored = handle;
                Threads.daemon("berth-wait-" + id.substring(0, 12), () -> monitor(monitored, log));
            } catch (IOException e) {
                snapshots.unmount(id);
                releaseAfterFailedStart(info, networkSetUp);
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                releaseAfterFailedStart(info, networkSetUp);
                throw new EngineException("interrupted while starting " + info.name());
            } catch (RuntimeException e) {
                if (handle == null || !running.containsKey(id)) {
                    snapshots.unmount(id);
                    try {
                        releaseAfterFailedStart(info, networkSetUp);
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
    }

    private void releaseAfterFailedStart(ContainerInfo info, boolean networkSetUp) {
        if (networkSetUp) {
            networking.tearDown(info);
        }
    }

    private String lastStderr(String id) {
        List<LogEntry> tail = JsonFileLogReader.read(logPath(id), new LogQuery(false, true, null, null, 3, false));
        StringBuilder why = new StringBuilder();
        tail.forEach(e -> why.append(e.line().trim()).append(' '));
        return why.toString().trim().isEmpty() ? "the runtime failed without a message" : why.toString().trim();
    }

    /**
     * Waits for runc's pid file. The poll backs off (0.25 ms doubling to 4 ms) so that on a busy machine the waiting
     * JVM thread does not keep taking CPU from the runc processes it is waiting for.
     */
    private static int awaitPidFile(Path pidFile, Process process) throws IOException, InterruptedException {
        long pause = 250_000;
        while (true) {
            if (Files.exists(pidFile)) {
                String text = Files.readString(pidFile).trim();
                if (!text.isEmpty()) {
                    return Integer.parseInt(text);
                }
            }
            if (!process.isAlive()) {
                return Files.exists(pidFile) ? Integer.parseInt(Files.readString(pidFile).trim()) : 0;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            pause = Math.min(pause * 2, 4_000_000);
        }
    }

    private void monitor(RunningContainer handle, JsonFileLogWriter log) {
        int code;
        boolean oom;
        try {
            code = handle.awaitExit();
            oom = handle.oomKilled(code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            log.close();
        }
        synchronized (lock(handle.id)) {
            health.cancel(handle.id);
            containers.get(handle.id).ifPresent(info -> {
                ContainerState exited = info.state().exited(code, oom, now(), null);
                Optional<Duration> delay = handle.stopRequested.get() ? Optional.empty()
                        : backoffs.computeIfAbsent(handle.id, k -> new RestartBackoff()).next(info.config().restartPolicy(),
                        code, exited.stoppedByUser(), exited.restartCount(), uptime(info.state().startedAt()));
                if (delay.isPresent()) {
                    containers.save(info.withState(exited.restarting()));
                    pendingRestarts.put(handle.id, scheduler.schedule(() -> restartNow(handle.id),
                            delay.get().toMillis(), TimeUnit.MILLISECONDS));
                } else {
                    containers.save(info.withState(exited));
                }
                if (oom) {
                    emit(info, "oom", Map.of());
                }
                emit(info, "die", Map.of("exitCode", Integer.toString(code)));
            });
            running.remove(handle.id);
            // released before waiters go on, so a stopped container has no addresses, names or ports left
            containers.get(handle.id).ifPresent(this::releaseNetworkQuietly);
            // waiters may go on now; anything that needs the container again takes this lock and so runs after
            // the clean-up below
            handle.exit.complete(new ExitStatus(code, oom));
            if (runtime.exists(handle.id)) {
                runtime.delete(handle.id, true);
            }
            try {
                snapshots.unmount(handle.id);
            } catch (RuntimeException e) {
                // remove() retries the unmount
            }
        }
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

    private Duration uptime(String startedAt) {
        return startedAt == null ? Duration.ZERO : Duration.between(Instant.parse(startedAt), Instant.now(options.clock()));
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
            runtime.kill(info.id(), stopSignal(info), false);
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
        runtime.kill(info.id(), signal, false);
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
            try {
                List<ContainerConfig.BindMount> binds = info.config().binds() == null ? List.of() : info.config().binds();
                return action.apply(new dev.berth.embedded.files.ContainerRoot(info.name(), rootfs, binds));
            } finally {
                if (!wasMounted && !running.containsKey(id)) {
                    snapshots.unmount(id);
                }
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

    private ExecResult execIn(String id, ExecConfig exec, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = execStreams(id, exec, null, out, err, timeout);
        return code == TIMED_OUT ? new ExecResult(-1, "", "")
                : new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What {@link #execStreams} returns when the process outlived its timeout and was killed. */
    private static final int TIMED_OUT = Integer.MIN_VALUE;

    private int execStreams(String id, ExecConfig exec, InputStream stdin, OutputStream stdout, OutputStream stderr,
                            Duration timeout) {
        ContainerInfo info = current(id);
        if (info.state().status() != ContainerStatus.RUNNING) {
            throw new EngineException.Conflict("container " + info.name() + " is not running (start it first)");
        }
        Image image = image(info.imageId());
        Path rootfs = snapshots.merged(info.id());
        OciSpecFactory.ProcessSpec base = specs.process(info.config(), image.config().defaults(), rootfs, info.hostname());
        ResolvedUser user = exec.user() == null ? base.user()
                : new UserResolver(rootfs).resolve(exec.user(), info.config().groupAdd());
        List<String> env = new ArrayList<>(base.env());
        exec.env().forEach((k, v) -> {
            env.removeIf(e -> e.startsWith(k + "="));
            env.add(k + "=" + v);
        });
        OciSpecFactory.ProcessSpec process = new OciSpecFactory.ProcessSpec(exec.command(), env,
                exec.workingDir() != null ? exec.workingDir() : base.cwd(), user, false, base.capabilities());
        Path file = runDir(info.id()).resolve("exec-" + HexFormat.of().formatHex(randomBytes()).substring(0, 12) + ".json");
        try {
            Files2.writeAtomically(file, Json.write(specs.execProcess(process, info.config())));
            Process p = runtime.exec(info.id(), file, stdin != null);
            Thread errPump = Threads.daemon("berth-exec-err", () -> copy(p.getErrorStream(), stderr));
            Thread outPump = Threads.daemon("berth-exec-out", () -> copy(p.getInputStream(), stdout));
            if (stdin != null) {
                Threads.daemon("berth-exec-in", () -> {
                    try (OutputStream toProcess = p.getOutputStream()) {
                        copy(stdin, toProcess);
                    } catch (IOException ignored) {
                        // the process ended first
                    }
                });
            }
            if (timeout != null && !p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroy();
                if (!p.waitFor(1, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                return TIMED_OUT;
            }
            int code = p.waitFor();
            outPump.join();
            errPump.join();
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted during exec in " + info.name());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // stale exec file in the run dir
            }
        }
    }

    /**
     * Copies until {@code from} ends, flushing each read so that streamed output arrives as it is written. When
     * {@code to} fails (its reader went away) the rest is read and dropped, so that the process never blocks on a
     * full pipe.
     */
    private static void copy(InputStream from, OutputStream to) {
        byte[] buffer = new byte[8192];
        boolean writable = true;
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                if (writable) {
                    try {
                        to.write(buffer, 0, n);
                        to.flush();
                    } catch (IOException readerGone) {
                        writable = false;
                    }
                }
            }
        } catch (IOException ignored) {
            // the source ended
        }
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
        scheduler.shutdownNow();
        running.clear();
        networking.close();
    }
}
