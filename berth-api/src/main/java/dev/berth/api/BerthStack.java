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

    private List<Path> files;
    private Optional<String> projectName = Optional.empty();
    private Map<String, String> environment = Map.of();
    private List<String> profiles = List.of();
    private List<ServiceWait> waits = List.of();
    private Duration startupTimeout = Duration.ofMinutes(2);
    private Teardown teardown = Teardown.downWithVolumes();
    private Supplier<ContainerRuntime> runtime = () -> RuntimeLookup.fromServiceLoader()
            .open(Optional.ofNullable(System.getenv("BERTH_RUNTIME")).filter(s -> !s.isBlank()));
    private Consumer<EngineEvent> events = e -> { };
    private Consumer<String> warnings = w -> { };
    private Optional<Path> failureLogDirectory = Optional.empty();

    private BerthStack(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /** A copy to change one setting of; builders handed out are never changed. */
    private BerthStack copy() {
        BerthStack b = new BerthStack(files);
        b.projectName = projectName;
        b.environment = environment;
        b.profiles = profiles;
        b.waits = waits;
        b.startupTimeout = startupTimeout;
        b.teardown = teardown;
        b.runtime = runtime;
        b.events = events;
        b.warnings = warnings;
        b.failureLogDirectory = failureLogDirectory;
        return b;
    }

    /** A stack from one or more compose files (merged in order, as {@code -f} does). */
    public static BerthStack fromFile(Path file, Path... more) {
        List<Path> all = new ArrayList<>(List.of(file));
        all.addAll(List.of(more));
        return new BerthStack(all);
    }

    /** A random project name {@code <prefix>-<8 hex digits>}, the default with prefix {@code berth}. */
    public static String randomProjectName(String prefix) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }

    public BerthStack projectName(String name) {
        BerthStack b = copy();
        b.projectName = Optional.of(name);
        return b;
    }

    /** A variable for interpolation ({@code ${NAME}} in the files), over the process environment. */
    public BerthStack env(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        BerthStack b = copy();
        b.environment = Map.copyOf(env);
        return b;
    }

    public BerthStack profiles(String... names) {
        BerthStack b = copy();
        b.profiles = List.of(names);
        return b;
    }

    /**
     * Waits for {@code service} by {@code strategy} before {@link #start()} returns. Without any, start waits as
     * {@code up --wait} does: every service running, or healthy when it has a healthcheck.
     */
    public BerthStack waitFor(String service, WaitStrategy strategy) {
        List<ServiceWait> all = new ArrayList<>(waits);
        all.add(new ServiceWait(service, strategy));
        BerthStack b = copy();
        b.waits = List.copyOf(all);
        return b;
    }

    /** How long start may take, up and waiting together (default 2 minutes). */
    public BerthStack startupTimeout(Duration timeout) {
        BerthStack b = copy();
        b.startupTimeout = timeout;
        return b;
    }

    public BerthStack teardown(Teardown policy) {
        BerthStack b = copy();
        b.teardown = policy;
        return b;
    }

    /** The runtime found by {@link java.util.ServiceLoader} under {@code name}: {@code embedded}, {@code docker}. */
    public BerthStack runtime(String name) {
        return runtime(() -> RuntimeLookup.fromServiceLoader().open(Optional.of(name)));
    }

    /** A runtime of the caller's (e.g. an embedded engine on a private state directory); closed with the stack. */
    public BerthStack runtime(Supplier<ContainerRuntime> opener) {
        BerthStack b = copy();
        b.runtime = opener;
        return b;
    }

    /** Receives the engine's progress events (each create, start, stop, removal). */
    public BerthStack events(Consumer<EngineEvent> listener) {
        BerthStack b = copy();
        b.events = listener;
        return b;
    }

    /** Receives what start did besides this stack: stacks of dead processes it took down, or could not. */
    public BerthStack warnings(Consumer<String> listener) {
        BerthStack b = copy();
        b.warnings = listener;
        return b;
    }

    /** Where the services' logs are saved when start fails (default: not saved). */
    public BerthStack failureLogDirectory(Path directory) {
        BerthStack b = copy();
        b.failureLogDirectory = Optional.of(directory);
        return b;
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
        RunningStack stack = new RunningStack(engine, labelled, loaded, teardown, events);
        try {
            reapOrphans(labelled, engine);
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

    private void reapOrphans(ContainerRuntime labelled, ComposeEngine engine) {
        OrphanedStackReaper.Result reaped = new OrphanedStackReaper(labelled, engine, ProcessTable.system()).reap();
        reaped.removed().forEach(p -> warnings.accept("took down project " + p + ", left by a process that died"));
        reaped.problems().forEach(warnings);
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
