package dev.berth.model.merge;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.tree.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Removes the merge tags from a tree once they have been applied: {@code !reset} entries go, tags are cleared. */
final class Tags {

    private Tags() {
    }

    static boolean isReset(Node node) {
        return node.tag() == Tag.RESET;
    }

    static Node strip(Node node) {
        if (node instanceof MapNode map) {
            return stripMap(map);
        }
        if (node instanceof ListNode list) {
            List<Node> items = new ArrayList<>(list.size());
            for (Node item : list.items()) {
                if (!isReset(item)) {
                    items.add(strip(item));
                }
            }
            return new ListNode(items, list.location(), Tag.NONE);
        }
        ScalarNode scalar = (ScalarNode) node;
        return scalar.tag() == Tag.NONE ? scalar : scalar.withTag(Tag.NONE);
    }

    static MapNode stripMap(MapNode map) {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> {
            if (!isReset(v)) {
                entries.put(k, strip(v));
                keys.put(k, map.keyLocation(k));
            }
        });
        return new MapNode(entries, keys, map.location(), Tag.NONE);
    }

    /**
     * {@code merged} with the tags of {@code override} put back where {@code override} had them: a {@code !reset}
     * key comes back as a tagged tombstone, an {@code !override} value is tagged again, nested mappings likewise.
     */
    static Node carry(Node override, Node merged) {
        if (!(override instanceof MapNode local) || !(merged instanceof MapNode result)) {
            return merged;
        }
        Map<String, Node> entries = new LinkedHashMap<>(result.entries());
        Map<String, Location> keys = new LinkedHashMap<>(result.keyLocations());
        local.entries().forEach((k, v) -> {
            Node current = entries.get(k);
            if (v.tag() == Tag.RESET) {
                entries.put(k, v);
                keys.put(k, local.keyLocation(k));
            } else if (v.tag() == Tag.OVERRIDE && current != null) {
                entries.put(k, current.withTag(Tag.OVERRIDE));
            } else if (current != null) {
                entries.put(k, carry(v, current));
            }
        });
        return new MapNode(entries, keys, result.location(), result.tag());
    }
}
