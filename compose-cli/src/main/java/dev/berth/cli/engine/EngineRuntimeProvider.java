package dev.berth.cli.engine;

import dev.berth.daemon.DaemonOptions;
import dev.berth.docker.DockerRuntime;
import dev.berth.embedded.spi.EmbeddedRuntimeProvider;
import dev.berth.runtime.Availability;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeProvider;
import dev.berth.runtime.RuntimeUnavailableException;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's {@code embedded} runtime: the {@code berth engine} daemon on {@code <run dir>/engine.sock}, reached
 * through the Docker backend. When no engine answers, {@link #open} starts one (detached), so containers stay
 * supervised after the CLI exits.
 */
public final class EngineRuntimeProvider implements RuntimeProvider {
    private final Map<String, String> env;
    private final DaemonOptions options;
    private Optional<EngineLauncher.Started> started = Optional.empty();

    /** The provider ServiceLoader creates: reads this process's environment. */
    public EngineRuntimeProvider() {
        this(System.getenv());
    }

    private EngineRuntimeProvider(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.options = DaemonOptions.fromEnvironment(this.env);
    }

    /** This provider for a caller with environment {@code env}: its run directory, and the engine it starts gets it. */
    @Override
    public RuntimeProvider forEnvironment(Map<String, String> callerEnv) {
        return new EngineRuntimeProvider(callerEnv);
    }

    @Override
    public String name() {
        return "embedded";
    }

    /** The engine runs on this machine: as many calls in flight as the in-process embedded runtime takes. */
    @Override
    public int defaultParallelLimit() {
        return new EmbeddedRuntimeProvider().defaultParallelLimit();
    }

    @Override
    public Availability probe() {
        if (EngineLauncher.answers(options)) {
            return Availability.available("berth engine at " + options.socket());
        }
        Availability local = new EmbeddedRuntimeProvider().forEnvironment(env).probe();
        if (!local.usable()) {
            return local;
        }
        return Availability.available("berth engine at " + options.socket() + " (" + local.reason() + ")");
    }

    @Override
    public ContainerRuntime open() {
        if (!EngineLauncher.answers(options)) {
            Availability local = new EmbeddedRuntimeProvider().forEnvironment(env).probe();
            if (!local.usable()) {
                throw new RuntimeUnavailableException("open runtime", name(), local.reason(), local.hint());
            }
            started = Optional.of(EngineLauncher.start(options, env));
        }
        return DockerRuntime.connect(EngineLauncher.endpoint(options));
    }

    /** Said on the runtime line when {@link #open} started the engine. */
    public Optional<String> startNote() {
        return started.map(s -> "started berth engine (pid " + s.pid() + ", log " + s.log() + ")");
    }
}
