package dev.berth.daemon.backing;

import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.registry.RegistryOptions;
import dev.berth.embedded.spi.EmbeddedRuntime;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.NetworkSummary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the API handlers work on: the runtime SPI on the embedded engine, the engine itself for what the SPI lacks,
 * the registry settings it was opened with, and the daemon's own in-memory state: exec sessions, auto-removal, exit
 * watching and events.
 */
public record EngineBacking(EmbeddedRuntime runtime, Path root, RegistryOptions registry, ExecSessions execs,
                            AutoRemover autoRemover, EventLog events, EventPublisher publish, ExitWatcher exits) {

    public static EngineBacking of(EmbeddedRuntime runtime, Path root, RegistryOptions registry) {
        EventLog events = new EventLog();
        EventPublisher publish = new EventPublisher(events, runtime.engine());
        AutoRemover remover = new AutoRemover(runtime, id -> publish.container("destroy", id.value(), Map.of()));
        ExitWatcher exits = new ExitWatcher(runtime.engine().events(), (id, code) -> {
            publish.container("die", id.value(), ExitWatcher.exitAttributes(code));
            remover.exitedLater(id, code);
        });
        return new EngineBacking(runtime, root, registry, new ExecSessions(), remover, events, publish, exits);
    }

    public EmbeddedEngine engine() {
        return runtime.engine();
    }

    public Path volumesDir() {
        return root.toAbsolutePath().resolve("volumes");
    }

    /** The image defaults of an image id, or null when the image is gone. */
    public ImageConfig.Defaults imageDefaults(String imageId) {
        return engine().images().find(imageId).map(i -> i.config().defaults()).orElse(null);
    }

    /** Network name to id, for the networks containers show in inspect answers. */
    public Map<String, String> networkIds() {
        Map<String, String> out = new HashMap<>();
        for (NetworkSummary n : runtime.listNetworks(LabelSelector.all())) {
            out.put(n.name(), n.id());
        }
        return out;
    }
}
