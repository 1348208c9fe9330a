package dev.berth.daemon.backing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;

/** The daemon's one JSON mapper and small builders for Engine API answers. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** Docker's "never happened" time. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode out = MAPPER.createArrayNode();
        values.forEach(out::add);
        return out;
    }

    /** A JSON array of strings, or {@code null} for a null list (Docker sends null for "take the image's"). */
    static ArrayNode stringsOrNull(Collection<String> values) {
        return values == null ? null : strings(values);
    }

    static ObjectNode map(Map<String, String> values) {
        ObjectNode out = object();
        if (values != null) {
            values.forEach(out::put);
        }
        return out;
    }

    static String time(String rfc3339) {
        return rfc3339 == null || rfc3339.isEmpty() ? ZERO_TIME : rfc3339;
    }
}
