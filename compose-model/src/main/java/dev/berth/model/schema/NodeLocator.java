package dev.berth.model.schema;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a JSON pointer of the validator ({@code #/services/web/ports/0}) back into the {@link Node} tree,
 * giving the node found there, where it was written and its Compose path ({@code services.web.ports[0]}).
 */
final class NodeLocator {

    /** A node reached by a pointer; {@code keyLocation} is where its mapping key was written, if it has one. */
    record Located(Node node, Location location, Location keyLocation, String path) {
    }

    private NodeLocator() {
    }

    static Located locate(Node root, String pointer) {
        Node node = root;
        Location keyAt = root.location();
        StringBuilder path = new StringBuilder();
        for (String segment : segments(pointer)) {
            if (node instanceof MapNode map && map.has(segment)) {
                keyAt = map.keyLocation(segment);
                node = map.entries().get(segment);
                appendKey(path, segment);
            } else if (node instanceof ListNode list && isIndex(segment, list.size())) {
                int index = Integer.parseInt(segment);
                node = list.get(index);
                keyAt = node.location();
                path.append('[').append(index).append(']');
            } else {
                break;
            }
        }
        return new Located(node, node.location(), keyAt, path.toString());
    }

    static String child(String path, String key) {
        StringBuilder out = new StringBuilder(path);
        appendKey(out, key);
        return out.toString();
    }

    private static void appendKey(StringBuilder path, String key) {
        if (path.length() > 0) {
            path.append('.');
        }
        path.append(key);
    }

    private static boolean isIndex(String segment, int size) {
        if (segment.isEmpty() || segment.length() > 9 || !segment.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(segment) < size;
    }

    static List<String> segments(String pointer) {
        String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        for (String raw : p.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }
}
