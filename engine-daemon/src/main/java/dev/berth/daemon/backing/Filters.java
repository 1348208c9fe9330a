package dev.berth.daemon.backing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.runtime.LabelSelector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code filters} query parameter of list endpoints: JSON mapping a filter name to values, either as a list
 * ({@code {"label":["a=b"]}}) or, in older clients, as a set ({@code {"label":{"a=b":true}}}).
 */
public record Filters(Map<String, List<String>> values) {
    public static final Filters NONE = new Filters(Map.of());

    public Filters {
        values = Map.copyOf(values);
    }

    /**
     * @throws IllegalArgumentException when the parameter is not such JSON
     */
    public static Filters parse(Optional<String> raw) {
        if (raw.isEmpty() || raw.get().isBlank()) {
            return NONE;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(raw.get());
        } catch (IOException e) {
            throw new IllegalArgumentException("filters: not valid JSON: " + raw.get());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            List<String> list = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> list.add(v.asText()));
            } else {
                e.getValue().fieldNames().forEachRemaining(list::add);
            }
            out.put(e.getKey(), list);
        });
        return new Filters(out);
    }

    public List<String> get(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The {@code label} filters as a selector: {@code key=value} entries must be equal, {@code key} present. */
    public LabelSelector labels() {
        LabelSelector selector = LabelSelector.all();
        for (String label : get("label")) {
            int eq = label.indexOf('=');
            selector = eq < 0 ? selector.andPresent(label) : selector.and(label.substring(0, eq),
                    label.substring(eq + 1));
        }
        return selector;
    }

    /** True when no values are given for {@code name}, or when {@code test} accepts one of them. */
    public boolean anyOrNone(String name, java.util.function.Predicate<String> test) {
        List<String> wanted = get(name);
        return wanted.isEmpty() || wanted.stream().anyMatch(test);
    }
}
