package dev.berth.daemon.backing;

import dev.berth.embedded.events.ContainerEvent;
import dev.berth.embedded.events.EngineEventBus;
import dev.berth.runtime.ContainerId;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reports every exit the engine records (its {@code die} events: exits of containers started through the API, by a
 * restart policy, or by an earlier engine) to the daemon: the {@code die} event of the API, auto-removal. Nothing
 * waits per container; the engine's event bus calls in as the exit is recorded, so the listener hands long work off.
 */
public final class ExitWatcher implements AutoCloseable {
    private final AutoCloseable subscription;

    ExitWatcher(EngineEventBus engineEvents, BiConsumer<ContainerId, Integer> onExit) {
        this.subscription = engineEvents.listen(event -> {
            if (event.action().equals("die")) {
                onExit.accept(ContainerId.of(event.id()), exitCode(event));
            }
        });
    }

    private static int exitCode(ContainerEvent event) {
        try {
            return Integer.parseInt(event.details().getOrDefault("exitCode", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Attributes of a die event. */
    static Map<String, String> exitAttributes(int code) {
        return Map.of("exitCode", Integer.toString(code));
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // the bus only removes the listener
        }
    }
}
