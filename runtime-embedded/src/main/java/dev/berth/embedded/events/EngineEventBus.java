package dev.berth.embedded.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where the engine announces container state changes. Listeners are called synchronously on the thread that made
 * the change, in order, so they must be quick (queue and return); a failing listener does not disturb the engine.
 */
public final class EngineEventBus {
    private final List<Consumer<ContainerEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Adds {@code listener}; closing the returned handle removes it. */
    public AutoCloseable listen(Consumer<ContainerEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(ContainerEvent event) {
        for (Consumer<ContainerEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a listener's failure is its own business; the state change has happened
            }
        }
    }
}
