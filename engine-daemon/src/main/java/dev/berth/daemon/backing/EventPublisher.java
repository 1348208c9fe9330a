package dev.berth.daemon.backing;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Publishes events with the actor attributes {@code docker events} shows (a container's name, image and labels). */
public final class EventPublisher {
    private final EventLog log;
    private final EmbeddedEngine engine;

    EventPublisher(EventLog log, EmbeddedEngine engine) {
        this.log = log;
        this.engine = engine;
    }

    /** A container event; nothing is published when the container is already gone. */
    public void container(String action, String reference, Map<String, String> extra) {
        try {
            container(action, engine.inspect(reference), extra);
        } catch (EngineException.NotFound gone) {
            // removed meanwhile
        }
    }

    public void container(String action, ContainerInfo info, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(info.config().labels());
        attributes.put("name", info.name());
        attributes.put("image", info.config().image());
        attributes.putAll(extra);
        log.publish("container", action, info.id(), attributes);
    }

    public void network(String action, String id, String name, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(extra);
        attributes.put("name", name);
        attributes.put("type", "bridge");
        log.publish("network", action, id, attributes);
    }

    public void volume(String action, String name) {
        log.publish("volume", action, name, Map.of("driver", "local"));
    }

    public void image(String action, String reference) {
        log.publish("image", action, reference, Map.of("name", reference));
    }
}
