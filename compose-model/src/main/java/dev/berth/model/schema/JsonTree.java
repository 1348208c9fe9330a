package dev.berth.model.schema;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import org.json.JSONArray;
import org.json.JSONObject;

/** Turns a {@link Node} tree into the org.json values the schema validator reads. */
final class JsonTree {

    private JsonTree() {
    }

    static Object of(Node node) {
        if (node instanceof MapNode map) {
            JSONObject out = new JSONObject();
            map.entries().forEach((key, value) -> out.put(key, of(value)));
            return out;
        }
        if (node instanceof ListNode list) {
            JSONArray out = new JSONArray();
            list.items().forEach(item -> out.put(of(item)));
            return out;
        }
        return scalar((ScalarNode) node);
    }

    private static Object scalar(ScalarNode scalar) {
        Object value = scalar.value();
        if (value == null) {
            return JSONObject.NULL;
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            // JSON has no NaN or infinity; such a value can only be used where text is allowed
            return scalar.text();
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
            // like JSON (and the reference validator), 2.0 is the integer 2
            return d.longValue();
        }
        return value;
    }
}
