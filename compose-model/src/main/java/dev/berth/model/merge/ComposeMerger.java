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
import java.util.Optional;

/**
 * Merges Compose files the way Compose does for several {@code -f} files: mappings merged recursively, sequences
 * appended, scalars replaced, with the exceptions of {@link MergeRules}; {@code !reset} removes an attribute,
 * {@code !override} replaces it wholesale, and no tag remains in the result. Unique-key sequences are
 * de-duplicated afterwards. The nodes that win keep their {@link Location}, so later errors point at the file
 * that set the value.
 */
public final class ComposeMerger {

    private static final List<String> SERVICE_PATH = List.of("services", "*");

    private ComposeMerger() {
    }

    /** {@code override} applied on top of {@code base}, both whole Compose files. */
    public static MapNode merge(MapNode base, MapNode override) {
        MapNode merged = mergeMaps(List.of(), base, override);
        return (MapNode) Deduplicator.dedup(merged, List.of());
    }

    /** The files merged in order, starting from an empty one, so a single file also loses its tags. */
    public static MapNode mergeAll(List<MapNode> files) {
        MapNode result = MapNode.empty();
        for (MapNode file : files) {
            result = merge(result, file);
        }
        return result;
    }

    /**
     * Merges two values found at the attribute {@code path} (keys from the top of the file, e.g.
     * {@code [services, web]}): the rules of that path apply, the result is de-duplicated and carries no tags.
     */
    public static Node mergeAt(List<String> path, Node base, Node override) {
        Node merged;
        if (Tags.isReset(override)) {
            merged = emptyLike(override);
        } else {
            merged = mergeValues(List.copyOf(path), base, override);
        }
        return Deduplicator.dedup(merged, path);
    }

    /** One service definition applied on top of another ({@code extends}, {@code include}): local wins. */
    public static MapNode mergeService(MapNode base, MapNode override) {
        Node merged = mergeAt(SERVICE_PATH, base, override);
        return merged instanceof MapNode map ? map : MapNode.empty();
    }

    /**
     * {@code merged} (the result of merging {@code override} onto something) with the merge tags of
     * {@code override} restored, so that a later merge of the result onto another file applies them too:
     * {@code !reset} keys come back as tagged tombstones and {@code !override} values are tagged again. Used
     * when a file's services are merged early ({@code extends}, {@code include}) and the file itself is merged
     * onto the previous {@code -f} files later.
     */
    public static Node carryTags(Node override, Node merged) {
        return Tags.carry(override, merged);
    }

    /** Applies the unique-key rules to a single file; the first position and the last value win. */
    public static MapNode deduplicate(MapNode file) {
        return (MapNode) Deduplicator.dedup(file, List.of());
    }

    /** The tree without merge tags: {@code !reset} entries removed, {@code !override} values kept as they are. */
    public static Node stripTags(Node node) {
        return Tags.strip(node);
    }

    private static Node mergeValues(List<String> path, Node base, Node override) {
        if (override.tag() == Tag.OVERRIDE) {
            return Tags.strip(override);
        }
        return switch (MergeRules.strategyFor(path)) {
            case REPLACE -> Tags.strip(override);
            case KEY_VALUE_SEQUENCE -> KeyValueSequence.merge(base, override, false);
            case EXTRA_HOSTS -> KeyValueSequence.merge(base, override, true);
            case BUILD -> mergeMaps(path, promoteBuild(base), promoteBuild(override));
            case DEPENDS_ON -> mergeMaps(path, promoteNames(base, true), promoteNames(override, true));
            case NAME_MAPPING -> mergeMaps(path, promoteNames(base, false), promoteNames(override, false));
            case LOGGING -> mergeLogging(path, base, override);
            case IPAM_CONFIG -> mergeIpamConfig(path, base, override);
            case DEEP -> mergeDeep(path, base, override);
        };
    }

    private static Node mergeDeep(List<String> path, Node base, Node override) {
        if (override instanceof ScalarNode s && s.isNull()) {
            return Tags.strip(base);
        }
        if (base instanceof MapNode b && override instanceof MapNode o) {
            return mergeMaps(path, b, o);
        }
        if (base instanceof ListNode b && override instanceof ListNode o) {
            List<Node> items = new ArrayList<>(((ListNode) Tags.strip(b)).items());
            items.addAll(((ListNode) Tags.strip(o)).items());
            return new ListNode(items, b.location().isKnown() ? b.location() : o.location(), Tag.NONE);
        }
        return Tags.strip(override);
    }

    private static MapNode mergeMaps(List<String> path, MapNode base, MapNode override) {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        base.entries().forEach((k, v) -> {
            if (!Tags.isReset(v)) {
                entries.put(k, Tags.strip(v));
                keys.put(k, base.keyLocation(k));
            }
        });
        override.entries().forEach((k, v) -> {
            if (Tags.isReset(v)) {
                entries.remove(k);
                keys.remove(k);
                return;
            }
            Node existing = entries.get(k);
            if (existing == null) {
                entries.put(k, Tags.strip(v));
                keys.put(k, override.keyLocation(k));
                return;
            }
            Node merged = mergeValues(Deduplicator.append(path, k), existing, v);
            entries.put(k, merged);
            if (merged.location().equals(v.location())) {
                keys.put(k, override.keyLocation(k));
            }
        });
        Location at = base.location().isKnown() ? base.location() : override.location();
        return new MapNode(entries, keys, at, Tag.NONE);
    }

    private static Node mergeLogging(List<String> path, Node base, Node override) {
        if (base instanceof MapNode b && override instanceof MapNode o) {
            Optional<String> baseDriver = b.text("driver");
            Optional<String> overrideDriver = o.text("driver");
            if (baseDriver.isPresent() && overrideDriver.isPresent() && !baseDriver.equals(overrideDriver)) {
                return Tags.strip(o);
            }
            return mergeMaps(path, b, o);
        }
        return mergeDeep(path, base, override);
    }

    private static Node mergeIpamConfig(List<String> path, Node base, Node override) {
        if (!(base instanceof ListNode b) || !(override instanceof ListNode o)) {
            return mergeDeep(path, base, override);
        }
        List<Node> items = new ArrayList<>(((ListNode) Tags.strip(b)).items());
        List<String> itemPath = Deduplicator.append(path, "[]");
        for (Node entry : o.items()) {
            if (Tags.isReset(entry)) {
                continue;
            }
            int same = indexOfSubnet(items, entry);
            if (same >= 0 && entry instanceof MapNode map && entry.tag() != Tag.OVERRIDE) {
                items.set(same, mergeMaps(itemPath, (MapNode) items.get(same), map));
            } else if (same >= 0) {
                items.set(same, Tags.strip(entry));
            } else {
                items.add(Tags.strip(entry));
            }
        }
        return new ListNode(items, b.location(), Tag.NONE);
    }

    private static int indexOfSubnet(List<Node> items, Node entry) {
        if (!(entry instanceof MapNode map) || map.text("subnet").isEmpty()) {
            return -1;
        }
        String subnet = map.text("subnet").get();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof MapNode m && m.text("subnet").filter(subnet::equals).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    /** {@code build: ./dir} as {@code build: {context: ./dir}}. */
    private static MapNode promoteBuild(Node build) {
        if (build instanceof MapNode map) {
            return map;
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        if (build instanceof ScalarNode s && !s.isNull()) {
            entries.put("context", s.withTag(Tag.NONE));
            keys.put("context", s.location());
        }
        return new MapNode(entries, keys, build.location(), build.tag());
    }

    /**
     * A list of names as a mapping: {@code name: null}, or for {@code depends_on}
     * {@code name: {condition: service_started, required: true}}.
     */
    private static MapNode promoteNames(Node node, boolean dependsOn) {
        if (node instanceof MapNode map) {
            return map;
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        if (node instanceof ListNode list) {
            for (Node item : list.items()) {
                if (Tags.isReset(item) || !(item instanceof ScalarNode s) || s.isNull()) {
                    continue;
                }
                Location at = s.location();
                Node value = dependsOn ? defaultDependency(at) : new ScalarNode(null, false, at, Tag.NONE);
                entries.put(s.text(), value);
                keys.put(s.text(), at);
            }
        }
        return new MapNode(entries, keys, node.location(), node.tag());
    }

    private static MapNode defaultDependency(Location at) {
        Map<String, Node> dependency = new LinkedHashMap<>();
        dependency.put("condition", new ScalarNode("service_started", true, at, Tag.NONE));
        dependency.put("required", new ScalarNode(Boolean.TRUE, false, at, Tag.NONE));
        return new MapNode(dependency, Map.of(), at, Tag.NONE);
    }

    private static Node emptyLike(Node node) {
        if (node instanceof ListNode) {
            return new ListNode(List.of(), node.location(), Tag.NONE);
        }
        if (node instanceof MapNode) {
            return new MapNode(Map.of(), Map.of(), node.location(), Tag.NONE);
        }
        return new ScalarNode(null, false, node.location(), Tag.NONE);
    }
}
