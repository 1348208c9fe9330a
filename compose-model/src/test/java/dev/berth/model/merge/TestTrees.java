package dev.berth.model.merge;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.yaml.YamlReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: YAML text to trees, and trees to plain Java values for order-insensitive mapping comparison. */
public final class TestTrees {

    private TestTrees() {
    }

    public static MapNode yaml(String text) {
        return (MapNode) YamlReader.read("test.yaml", text);
    }

    public static MapNode yaml(String file, String text) {
        return (MapNode) YamlReader.read(file, text);
    }

    /** Mappings become HashMaps (key order ignored), sequences Lists (order kept), scalars their value. */
    public static Object plain(Node node) {
        if (node instanceof MapNode map) {
            Map<String, Object> out = new HashMap<>();
            map.entries().forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (node instanceof ListNode list) {
            List<Object> out = new ArrayList<>();
            list.items().forEach(i -> out.add(plain(i)));
            return out;
        }
        return ((ScalarNode) node).value();
    }
}
