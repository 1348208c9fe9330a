package dev.berth.model.merge;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enforces the unique keys of {@link MergeRules}: in a sequence whose entries have a key, a later entry with the
 * key of an earlier one takes the earlier one's place, so the first position and the last value win.
 */
final class Deduplicator {

    private Deduplicator() {
    }

    static Node dedup(Node node, List<String> path) {
        if (node instanceof MapNode map) {
            Map<String, Node> entries = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> entries.put(k, dedup(v, append(path, k))));
            return map.withEntries(entries);
        }
        if (node instanceof ListNode list) {
            Optional<UniqueKey> key = MergeRules.uniqueKeyFor(path);
            return key.map(k -> dedupList(list, k)).orElse(list);
        }
        return node;
    }

    private static ListNode dedupList(ListNode list, UniqueKey uniqueKey) {
        List<Node> out = new ArrayList<>(list.size());
        Map<String, Integer> seen = new HashMap<>();
        for (Node item : list.items()) {
            Optional<String> key = uniqueKey.keyOf(item);
            if (key.isPresent() && seen.containsKey(key.get())) {
                out.set(seen.get(key.get()), item);
                continue;
            }
            key.ifPresent(k -> seen.put(k, out.size()));
            out.add(item);
        }
        return list.withItems(out);
    }

    static List<String> append(List<String> path, String key) {
        List<String> next = new ArrayList<>(path.size() + 1);
        next.addAll(path);
        next.add(key);
        return next;
    }
}
