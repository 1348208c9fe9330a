package dev.berth.model.tree;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A mapping with string keys in their written order. {@code keyLocations} remembers where each key was
 * written, so errors about a key point at the key itself.
 */
public record MapNode(Map<String, Node> entries, Map<String, Location> keyLocations, Location location, Tag tag)
        implements Node {

    public MapNode {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
    }

    public static MapNode empty() {
        return new MapNode(Map.of(), Map.of(), Location.UNKNOWN, Tag.NONE);
    }

    public static MapNode of(Map<String, ? extends Node> entries, Location location) {
        return new MapNode(new LinkedHashMap<String, Node>(entries), Map.of(), location, Tag.NONE);
    }

    public Optional<Node> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public Optional<MapNode> map(String key) {
        return get(key).filter(MapNode.class::isInstance).map(MapNode.class::cast);
    }

    public Optional<String> text(String key) {
        return get(key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).text());
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Where the key was written, or where the mapping was if the key came from the loader. */
    public Location keyLocation(String key) {
        Location at = keyLocations.get(key);
        if (at != null) {
            return at;
        }
        Node value = entries.get(key);
        return value != null && value.location().isKnown() ? value.location() : location;
    }

    public MapNode with(String key, Node value) {
        Map<String, Node> copy = new LinkedHashMap<>(entries);
        copy.put(key, value);
        return new MapNode(copy, keyLocations, location, tag);
    }

    public MapNode without(String key) {
        if (!entries.containsKey(key)) {
            return this;
        }
        Map<String, Node> copy = new LinkedHashMap<>(entries);
        copy.remove(key);
        Map<String, Location> keys = new LinkedHashMap<>(keyLocations);
        keys.remove(key);
        return new MapNode(copy, keys, location, tag);
    }

    public MapNode withEntries(Map<String, Node> newEntries) {
        return new MapNode(newEntries, keyLocations, location, tag);
    }

    public int size() {
        return entries.size();
    }

    @Override
    public MapNode withTag(Tag newTag) {
        return new MapNode(entries, keyLocations, location, newTag);
    }

    @Override
    public String describe() {
        return "a mapping of " + entries.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapNode m && entries.equals(m.entries) && tag == m.tag;
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries, tag);
    }
}
