package dev.berth.cli.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.support.ServiceContainers;
import dev.berth.runtime.RuntimeEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** One container event as {@code docker compose events} prints it, as text or as a JSON object. */
final class EventLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLine() {
    }

    /** {@code 2026-01-02 15:04:05.000000 container start ID (image=..., name=...)}. */
    static String text(RuntimeEvent e) {
        String attributes = e.attributes().entrySet().stream()
                .map(a -> a.getKey() + "=" + a.getValue()).collect(Collectors.joining(", "));
        return TIME.format(e.time()) + " " + e.type().word() + " " + e.action() + " " + e.id()
                + (attributes.isEmpty() ? "" : " (" + attributes + ")");
    }

    /** Compose's JSON fields: time, type, action, id, service, attributes. */
    static String json(RuntimeEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", DateTimeFormatter.ISO_INSTANT.format(e.time()));
        o.put("type", e.type().word());
        o.put("action", e.action());
        o.put("id", e.id());
        o.put("service", e.attributes().getOrDefault(ServiceContainers.SERVICE, ""));
        ObjectNode attributes = o.putObject("attributes");
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            attributes.put(a.getKey(), a.getValue());
        }
        return o.toString();
    }
}
