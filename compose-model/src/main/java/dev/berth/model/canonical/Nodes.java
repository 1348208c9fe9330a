package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.tree.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the node trees the canonical transform makes. */
final class Nodes {

    private Nodes() {
    }

    static ScalarNode str(String value, Location at) {
        return new ScalarNode(value, true, at, Tag.NONE);
    }

    static ScalarNode val(Object value, Location at) {
        return new ScalarNode(value, value instanceof String, at, Tag.NONE);
    }

    static MapNode map(Map<String, ? extends Node> entries, Location at) {
        return new MapNode(new LinkedHashMap<String, Node>(entries), Map.of(), at, Tag.NONE);
    }

    static ListNode list(List<? extends Node> items, Location at) {
        return new ListNode(List.copyOf(items), at, Tag.NONE);
    }

    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && s.isNull();
    }

    static String text(Node node) {
        return node instanceof ScalarNode s ? s.text() : null;
    }

    /** An ordered builder of mapping entries. */
    static final class MapBuilder {
        private final Map<String, Node> entries = new LinkedHashMap<>();
        private final Location at;

        MapBuilder(Location at) {
            this.at = at;
        }

        MapBuilder put(String key, Node value) {
            entries.put(key, value);
            return this;
        }

        MapBuilder put(String key, Object scalar) {
            entries.put(key, val(scalar, at));
            return this;
        }

        MapNode build() {
            return map(entries, at);
        }
    }
}
