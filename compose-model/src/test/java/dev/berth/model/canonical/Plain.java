package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.yaml.YamlReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: node trees as plain maps/lists/values, so expected YAML compares with equals. */
final class Plain {

    private Plain() {
    }

    static Object of(Node node) {
        if (node instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, of(v)));
            return out;
        }
        if (node instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(of(i)));
            return out;
        }
        return ((ScalarNode) node).value();
    }

    static Object yaml(String text) {
        return of(YamlReader.read("expected.yaml", text));
    }

    static MapNode read(String text) {
        return (MapNode) YamlReader.read("compose.yaml", text);
    }
}
