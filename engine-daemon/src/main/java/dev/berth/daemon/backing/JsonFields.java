package dev.berth.daemon.backing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null-tolerant readers for Docker API request bodies, where absent, {@code null} and empty mean "not given". */
public final class JsonFields {
    private JsonFields() {
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    static Optional<Long> number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() && v.asLong() != 0 ? Optional.of(v.asLong()) : Optional.empty();
    }

    static boolean bool(JsonNode node, String field) {
        return node.path(field).asBoolean(false);
    }

    /** A string array; a lone string counts as a one-element list (Docker accepts both for Cmd/Entrypoint). */
    static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.path(field);
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        } else if (v.isTextual() && !v.asText().isEmpty()) {
            out.add(v.asText());
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode node, String field) {
        return stringMap(node.path(field));
    }

    /** An object of strings (labels, options); null values become empty strings. */
    public static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        return out;
    }

    static List<String> keys(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).fieldNames().forEachRemaining(out::add);
        return out;
    }
}
