package dev.berth.model.merge;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.tree.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges attributes written either as a mapping or as a {@code KEY=VALUE} sequence ({@code environment},
 * {@code labels}, {@code build.args}, ...) or as a string or sequence ({@code dns}, {@code tmpfs},
 * {@code env_file}): both sides become sequences and are appended. A mapping becomes {@code KEY=VALUE} entries
 * ({@code KEY} alone for a null value, one entry per item for a list value) sorted by text, as Compose does.
 * A {@code !reset} entry of an overriding mapping removes that key from the base.
 */
final class KeyValueSequence {

    private KeyValueSequence() {
    }

    static ListNode merge(Node base, Node override, boolean dropRepeated) {
        Set<String> resetKeys = new HashSet<>();
        List<Node> items = new ArrayList<>(entries(base, new HashSet<>()));
        List<Node> added = entries(override, resetKeys);
        if (!resetKeys.isEmpty()) {
            items.removeIf(item -> UniqueKey.KEY_VALUE.keyOf(item).filter(resetKeys::contains).isPresent());
        }
        for (Node item : added) {
            if (dropRepeated && containsText(items, item)) {
                continue;
            }
            items.add(item);
        }
        Location at = base.location().isKnown() ? base.location() : override.location();
        return new ListNode(items, at, Tag.NONE);
    }

    private static List<Node> entries(Node node, Set<String> resetKeys) {
        if (node instanceof ListNode list) {
            return ((ListNode) Tags.strip(list)).items();
        }
        if (node instanceof MapNode map) {
            List<Node> out = new ArrayList<>();
            for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
                String key = entry.getKey();
                Node value = entry.getValue();
                if (Tags.isReset(value)) {
                    resetKeys.add(key);
                } else if (value instanceof ListNode values) {
                    for (Node v : values.items()) {
                        out.add(text(key + "=" + textOf(v), v.location()));
                    }
                } else if (value instanceof ScalarNode s && s.isNull()) {
                    out.add(text(key, map.keyLocation(key)));
                } else {
                    out.add(text(key + "=" + textOf(value), value.location()));
                }
            }
            out.sort(Comparator.comparing(n -> ((ScalarNode) n).text()));
            return out;
        }
        if (node instanceof ScalarNode s && !s.isNull()) {
            return List.of(s.withTag(Tag.NONE));
        }
        return List.of();
    }

    private static String textOf(Node value) {
        return value instanceof ScalarNode s ? s.text() : value.describe();
    }

    private static ScalarNode text(String text, Location at) {
        return new ScalarNode(text, true, at, Tag.NONE);
    }

    private static boolean containsText(List<Node> items, Node item) {
        Optional<String> text = UniqueKey.VALUE.keyOf(item);
        return text.isPresent() && items.stream().anyMatch(i -> UniqueKey.VALUE.keyOf(i).equals(text));
    }
}
