package dev.berth.embedded.events;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A state change of one container, in Docker's event words: {@code action} ({@code create}, {@code start},
 * {@code die}, {@code kill}, {@code stop}, {@code pause}, {@code unpause}, {@code oom}, {@code rename},
 * {@code destroy}, {@code health_status: STATUS}), the container's id, name, image and labels, and the facts of the
 * event ({@code exitCode}, {@code signal}, {@code oldName}).
 */
public record ContainerEvent(String action, String id, String name, String image, Map<String, String> labels,
                             Map<String, String> details, Instant time) {
    public ContainerEvent {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** Labels, then {@code name} and {@code image}, then the details: Docker's actor attributes. */
    public Map<String, String> attributes() {
        Map<String, String> attributes = new TreeMap<>(labels);
        attributes.put("name", name);
        attributes.put("image", image);
        attributes.putAll(details);
        return attributes;
    }
}
