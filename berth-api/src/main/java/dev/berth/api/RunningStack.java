package dev.berth.api;

import dev.berth.api.logs.ServiceLogFiles;
import dev.berth.api.support.OutcomeProblems;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.Outcome;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.plan.DownOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.runtime.ContainerRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A started stack: its services, their logs, and its teardown. {@link #close()} takes it down by its
 * {@link Teardown}; closing twice does nothing.
 */
public final class RunningStack implements AutoCloseable {
    private final ComposeEngine engine;
    private final ContainerRuntime runtime;
    private final LoadedProject loaded;
    private final Teardown teardown;
    private final Consumer<EngineEvent> events;
    private boolean closed;

    RunningStack(ComposeEngine engine, ContainerRuntime runtime, LoadedProject loaded, Teardown teardown,
            Consumer<EngineEvent> events) {
        this.engine = engine;
        this.runtime = runtime;
        this.loaded = loaded;
        this.teardown = teardown;
        this.events = events;
    }

    /** The (usually random) project name: containers are {@code <project>-<service>-<n>}. */
    public String projectName() {
        return loaded.project().name();
    }

    /** The enabled services, by name. */
    public Set<String> services() {
        return new TreeSet<>(loaded.project().services().keySet());
    }

    /**
     * @throws IllegalArgumentException naming the services there are when {@code name} is not one
     */
    public ServiceHandle service(String name) {
        if (!loaded.project().services().containsKey(name)) {
            throw new IllegalArgumentException("no service " + name + " in project " + projectName()
                    + " (services: " + String.join(", ", services()) + ")");
        }
        return new ServiceHandle(new ServiceTarget(engine, loaded, name));
    }

    /** Writes {@code <directory>/<service>.log} for every service; returns the files. */
    public List<Path> saveLogs(Path directory) throws InterruptedException {
        return new ServiceLogFiles(engine).write(projectName(), services(), directory);
    }

    /** Takes the stack down by its teardown policy, as after a success. */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Takes the stack down, or leaves it running when the teardown keeps failed stacks and {@code failed}.
     *
     * @return true when the stack was taken down (or already was), false when it was kept
     * @throws IllegalStateException when {@code down} failed, naming what is left and how to remove it
     */
    public boolean close(boolean failed) {
        if (closed) {
            return true;
        }
        closed = true;
        try {
            if (teardown.keeps(failed)) {
                return false;
            }
            Outcome down = engine.down(projectName(), Optional.of(loaded), new DownOptions(Set.of(), true,
                    !teardown.keepVolumes(), Optional.of(Duration.ofSeconds(2))), false, events);
            if (!down.succeeded()) {
                throw new IllegalStateException("taking down project " + projectName() + " failed: "
                        + OutcomeProblems.summary(down) + " — remove what is left with: berth -p " + projectName()
                        + " down -v");
            }
            return true;
        } finally {
            runtime.close();
        }
    }
}
