package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code KEY=VALUE} lists and mappings as one ordered mapping of key to value node (null node = no value). */
final class KeyValues {

    private KeyValues() {
    }

    /** Entries in order, later keys win. A list item without {@code =} maps to {@code null}. */
    static Map<String, Node> entries(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (node instanceof MapNode map) {
            out.putAll(map.entries());
        } else if (node instanceof ListNode list) {
            for (Node item : list.items()) {
                String text = Nodes.text(item);
                if (text == null) {
                    continue;
                }
                int eq = text.indexOf('=');
                if (eq < 0) {
                    out.remove(text);
                    out.put(text, null);
                } else {
                    String key = text.substring(0, eq);
                    out.remove(key);
                    out.put(key, Nodes.str(text.substring(eq + 1), item.location()));
                }
            }
        }
        return out;
    }

    /** Scalar value as text, or null for a missing/null value. */
    static String value(Node node) {
        if (node == null || node instanceof ScalarNode s && s.isNull()) {
            return null;
        }
        return Nodes.text(node);
    }
}
