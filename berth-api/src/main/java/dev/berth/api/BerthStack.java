package dev.berth.api;

import dev.berth.api.cleanup.OrphanedStackReaper;
import dev.berth.api.cleanup.OwnerLabellingRuntime;
import dev.berth.api.cleanup.ProcessTable;
import dev.berth.api.cleanup.StackOwner;
import dev.berth.api.runtime.RuntimeLookup;
import dev.berth.api.support.OutcomeProblems;
import dev.berth.api.wait.ServiceNotReadyException;
import dev.berth.api.wait.ServiceWait;
import dev.berth.api.wait.WaitStrategy;
import dev.berth.api.wait.Waiter;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.Outcome;
import dev.berth.engine.compose.UpRequest;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.model.load.LoadOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.load.ProjectLoader;
import dev.berth.runtime.ContainerRuntime;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Describes a stack to start from compose files, and starts it:
 *
 * <pre>{@code
 * try (RunningStack stack = BerthStack.fromFile(Path.of("compose.yaml"))
 *         .waitFor("db", WaitStrategy.healthy())
 *         .waitFor("web", WaitStrategy.http("/").forPort(8080))
 *         .start()) {
 *     int port = stack.service("web").port(8080);
 * }
 * }</pre>
 *
 * Every stack gets a random project name unless one is given, and every container the labels of this process
 * ({@link StackOwner}), so that stacks left by a JVM that died are taken down by the next start
 * ({@link OrphanedStackReaper}). A builder is immutable: each method returns a new one.
 */
public final class BerthStack {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Path> files;
    private final Optional<String> projectName;
    private final Map<String, String> environment;
    private final List<String> profiles;
    private final List<ServiceWait> waits;
    private final Duration startupTimeout;
    private final Teardown teardown;
    private final Supplier<ContainerRuntime> runtime;
    private final Consumer<EngineEvent> events;
    private final Optional<Path> failureLogDirectory;

    private BerthStack(List<Path> files, Optional<String> projectName, Map<String, String> environment,
            List<String> profiles, List<ServiceWait> waits, Duration startupTimeout, Teardown teardown,
            Supplier<ContainerRuntime> runtime, Consumer<EngineEvent> events, Optional<Path> failureLogDirectory) {
        this.files = List.copyOf(files);
        this.projectName = projectName;
        this.environment = Map.copyOf(environment);
        this.profiles = List.copyOf(profiles);
        this.waits = List.copyOf(waits);
        this.startupTimeout = startupTimeout;
        this.teardown = teardown;
        this.runtime = runtime;
        this.events = events;
        this.failureLogDirectory = failureLogDirectory;
    }

    /** A stack from one or more compose files (merged in order, as {@code -f} does). */
    public static BerthStack fromFile(Path file, Path... more) {
        List<Path> all = new ArrayList<>(List.of(file));
        all.addAll(List.of(more));
        return new BerthStack(all, Optional.empty(), Map.of(), List.of(), List.of(), Duration.ofMinutes(2),
                Teardown.downWithVolumes(), () -> RuntimeLookup.fromServiceLoader().open(Optional.ofNullable(
                        System.getenv("BERTH_RUNTIME")).filter(s -> !s.isBlank())), e -> { }, Optional.empty());
    }

    /** A random project name {@code <prefix>-<8 hex digits>}, the default with prefix {@code berth}. */
    public static String randomProjectName(String prefix) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }

    public BerthStack projectName(String name) {
        return new BerthStack(files, Optional.of(name), environment, profiles, waits, startupTimeout, teardown,
                runtime, events, failureLogDirectory);
    }

    /** A variable for interpolation ({@code ${NAME}} in the files), over the process environment. */
    public BerthStack env(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        return new BerthStack(files, projectName, env, profiles, waits, startupTimeout, teardown, runtime, events,
                failureLogDirectory);
    }

    public BerthStack profiles(String... names) {
        return new BerthStack(files, projectName, environment, List.of(names), waits, startupTimeout, teardown,
                runtime, events, failureLogDirectory);
    }

    /**
     * Waits for {@code service} by {@code strategy} before {@link #start()} returns. Without any, start waits as
     * {@code up --wait} does: every service running, or healthy when it has a healthcheck.
     */
    public BerthStack waitFor(String service, WaitStrategy strategy) {
        List<ServiceWait> all = new ArrayList<>(waits);
        all.add(new ServiceWait(service, strategy));
        return new BerthStack(files, projectName, environment, profiles, all, startupTimeout, teardown, runtime,
                events, failureLogDirectory);
    }

    /** How long start may take, up and waiting together (default 2 minutes). */
    public BerthStack startupTimeout(Duration timeout) {
        return new BerthStack(files, projectName, environment, profiles, waits, timeout, teardown, runtime, events,
                failureLogDirectory);
    }

    public BerthStack teardown(Teardown policy) {
        return new BerthStack(files, projectName, environment, profiles, waits, startupTimeout, policy, runtime,
                events, failureLogDirectory);
    }

    /** The runtime found by {@link java.util.ServiceLoader} under {@code name}: {@code embedded}, {@code docker}. */
    public BerthStack runtime(String name) {
        return runtime(() -> RuntimeLookup.fromServiceLoader().open(Optional.of(name)));
    }

    /** A runtime of the caller's (e.g. an embedded engine on a private state directory); closed with the stack. */
    public BerthStack runtime(Supplier<ContainerRuntime> opener) {
        return new BerthStack(files, projectName, environment, profiles, waits, startupTimeout, teardown, opener,
                events, failureLogDirectory);
    }

    /** Receives the engine's progress events (each create, start, stop, removal). */
    public BerthStack events(Consumer<EngineEvent> listener) {
        return new BerthStack(files, projectName, environment, profiles, waits, startupTimeout, teardown, runtime,
                listener, failureLogDirectory);
    }

    /** Where the services' logs are saved when start fails (default: not saved). */
    public BerthStack failureLogDirectory(Path directory) {
        return new BerthStack(files, projectName, environment, profiles, waits, startupTimeout, teardown, runtime,
                events, Optional.of(directory));
    }

    public Teardown teardown() {
        return teardown;
    }

    /**
     * Takes down stacks left by dead processes, brings this one up and waits for it.
     *
     * @throws StackStartException when it did not start; what was started is taken down first (unless the
     *     teardown keeps failed stacks)
     * @throws dev.berth.model.problem.ComposeException when the files are invalid (nothing was started)
     */
    public RunningStack start() throws InterruptedException {
        String name = projectName.orElseGet(() -> randomProjectName("berth"));
        LoadedProject loaded = load(name);
        ContainerRuntime labelled = new OwnerLabellingRuntime(runtime.get(), StackOwner.current());
        ComposeEngine engine = new ComposeEngine(labelled, Clock.systemUTC(), ExecutorOptions.defaults(),
                version());
        new OrphanedStackReaper(labelled, engine, ProcessTable.system()).reap();
        RunningStack stack = new RunningStack(engine, labelled, loaded, teardown, events);
        try {
            up(engine, loaded);
            if (!waits.isEmpty()) {
                new Waiter(Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), Duration.ofMillis(200))
                        .await(waits, service -> new ServiceTarget(engine, loaded, service), startupTimeout);
            }
            return stack;
        } catch (RuntimeException | InterruptedException e) {
            List<Path> logs = List.of();
            if (failureLogDirectory.isPresent()) {
                logs = stack.saveLogs(failureLogDirectory.get());
            }
            try {
                stack.close(true);
            } catch (RuntimeException downFailed) {
                e.addSuppressed(downFailed);
            }
            if (e instanceof InterruptedException) {
                throw (InterruptedException) e;
            }
            String what = e instanceof ServiceNotReadyException ? e.getMessage()
                    : "starting project " + name + " failed: " + e.getMessage();
            throw new StackStartException(what + (teardown.keeps(true) ? " (kept for inspection: berth -p " + name
                    + " ps)" : ""), logs, e);
        }
    }

    private LoadedProject load(String name) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.putAll(environment);
        Path workingDirectory = files.get(0).toAbsolutePath().getParent();
        LoadOptions options = LoadOptions.defaults(workingDirectory, env)
                .withFiles(files.stream().map(p -> p.toAbsolutePath().toString()).toList())
                .withProjectName(Optional.of(name))
                .withProfiles(profiles);
        return ProjectLoader.load(options);
    }

    private void up(ComposeEngine engine, LoadedProject loaded) throws InterruptedException {
        UpRequest request = UpRequest.of(PlanOptions.defaults());
        if (waits.isEmpty()) {
            request = request.withWait(Optional.of(startupTimeout));
        }
        Outcome outcome = engine.up(loaded, request, events);
        if (!outcome.succeeded()) {
            throw new IllegalStateException(OutcomeProblems.summary(outcome));
        }
    }

    private static String version() {
        String v = BerthStack.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String toString() {
        return "BerthStack" + files + projectName.map(n -> " project " + n).orElse("");
    }
}
