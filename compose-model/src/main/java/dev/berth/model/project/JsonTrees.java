package dev.berth.model.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/** Converts the loader's node tree to a Jackson tree, gathering {@code x-*} keys into an {@code extensions} object. */
public final class JsonTrees {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /** The node as JSON; {@code x-*} keys stay where they are. */
    public static JsonNode of(Node node) {
        if (node instanceof MapNode map) {
            ObjectNode out = JSON.objectNode();
            map.entries().forEach((k, v) -> out.set(k, of(v)));
            return out;
        }
        if (node instanceof ListNode list) {
            ArrayNode out = JSON.arrayNode();
            list.items().forEach(i -> out.add(of(i)));
            return out;
        }
        Object value = ((ScalarNode) node).value();
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof BigInteger b) {
            return JSON.numberNode(b);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        return JSON.textNode(String.valueOf(value));
    }

    /** Moves the {@code x-*} members of {@code object} into a nested {@code extensions} object. */
    static ObjectNode gatherExtensions(JsonNode node) {
        ObjectNode object = node instanceof ObjectNode o ? o.deepCopy() : JSON.objectNode();
        ObjectNode extensions = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().startsWith("x-")) {
                extensions.set(e.getKey(), e.getValue());
                fields.remove();
            }
        }
        if (!extensions.isEmpty()) {
            object.set("extensions", extensions);
        }
        return object;
    }

    /** The reverse of {@link #gatherExtensions}: {@code extensions} members become {@code x-*} keys again, at the end. */
    public static ObjectNode spreadExtensions(ObjectNode object) {
        JsonNode extensions = object.remove("extensions");
        if (extensions instanceof ObjectNode ext) {
            ext.fields().forEachRemaining(e -> object.set(e.getKey(), e.getValue()));
        }
        return object;
    }
}
