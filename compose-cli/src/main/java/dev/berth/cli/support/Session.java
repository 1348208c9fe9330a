package dev.berth.cli.support;

import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.progress.ProgressRenderer;
import dev.berth.cli.engine.EngineRuntimeProvider;
import dev.berth.cli.login.StoredLogins;
import dev.berth.cli.runtime.RuntimeSelector;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.Outcome;
import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.engine.execute.StepResult;
import dev.berth.model.load.LoadOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.load.ProjectLoader;
import dev.berth.runtime.ContainerRuntime;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * What an engine command needs, from the root's flags: the loaded project (lazily), the project name, the engine on
 * the chosen runtime, the progress renderer, and the printing of an {@link Outcome}.
 */
public final class Session {
    private final BerthCommand root;
    private final CommandLine cli;
    private final Invocation caller;
    private final Map<String, String> env;
    private LoadedProject loaded;
    private ComposeEngine engine;
    private ContainerRuntime runtime;

    public Session(BerthCommand root, CommandLine cli) {
        this.root = root;
        this.cli = cli;
        this.caller = root.invocation();
        this.env = caller.env();
    }

    /** The caller this command line runs for: environment, working directory, streams, terminal. */
    public Invocation caller() {
        return caller;
    }

    public PrintWriter out() {
        return cli.getOut();
    }

    public PrintWriter err() {
        return cli.getErr();
    }

    public boolean dryRun() {
        return root.engineOptions().dryRun();
    }

    /** Loads the compose files, enabling {@code services} even when their profile is inactive. */
    public LoadedProject project(Set<String> services) {
        if (loaded == null) {
            LoadOptions options = root.projectOptions().toLoadOptions(caller)
                    .withRequestedServices(services)
                    .withWarnings(problem -> err().println("warning: " + problem.render()));
            loaded = ProjectLoader.load(options);
        }
        return loaded;
    }

    /** {@code -p NAME} when given, else the name of the project the compose files define. */
    public String projectName() {
        Optional<String> flag = root.projectOptions().projectName();
        if (flag.isPresent()) {
            return flag.get();
        }
        return project(Set.of()).project().name();
    }

    /** The engine on the runtime chosen by {@code --runtime}/{@code BERTH_RUNTIME}; says which on stderr. */
    public ComposeEngine engine() {
        if (engine == null) {
            RuntimeSelector.Choice choice = RuntimeSelector.fromServiceLoader(caller)
                    .choose(root.engineOptions().runtime(), env);
            runtime = caller.resources().closeAtEnd(choice.provider().open());
            String started = choice.provider() instanceof EngineRuntimeProvider daemon
                    ? daemon.startNote().map(note -> "; " + note).orElse("") : "";
            err().println(choice.explanation() + started);
            err().flush();
            engine = new ComposeEngine(runtime, Clock.systemUTC(),
                    ExecutorOptions.defaults().withParallelLimit(
                            root.engineOptions().parallel(env, choice.provider().defaultParallelLimit()))
                            .withLogins(StoredLogins.of(env)),
                    VersionProvider.version());
        }
        return engine;
    }

    /** The runtime chosen by {@code --runtime}/{@code BERTH_RUNTIME}, for commands below the Compose level. */
    public ContainerRuntime runtime() {
        engine();
        return runtime;
    }

    /** Whether to colour output: {@code --ansi always}, or auto on a console. */
    public boolean colour() {
        String ansi = root.engineOptions().ansi();
        String when = ansi == null ? env.getOrDefault("COMPOSE_ANSI", "auto") : ansi;
        return when.equals("always") || (when.equals("auto") && caller.terminal().interactive());
    }

    public ProgressRenderer progress() {
        return ProgressRenderer.forMode(root.engineOptions().progress(), root.engineOptions().ansi(), env,
                caller.terminal().interactive(), err());
    }

    /** Prints the plan on dry runs, failures and errors otherwise; the exit code (0 or 1). */
    public int report(Outcome outcome) {
        if (outcome.execution().isEmpty()) {
            out().print(outcome.plan().render().stripTrailing() + "\n");
            out().flush();
            return 0;
        }
        for (String warning : outcome.plan().warnings()) {
            err().println("warning: " + warning);
        }
        for (String error : outcome.errors()) {
            err().println("berth: " + error);
        }
        err().flush();
        boolean failed = !outcome.succeeded() || outcome.execution().get().results().stream()
                .anyMatch(r -> r.outcome() == StepResult.Outcome.FAILED);
        return failed ? 1 : 0;
    }
}
