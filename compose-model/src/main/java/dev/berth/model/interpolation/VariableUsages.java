package dev.berth.model.interpolation;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the variable references of one compose file's tree in document order, looking where the
 * {@link Interpolator} substitutes (string values, never keys). Values whose syntax is invalid are skipped:
 * the interpolation phase reports them.
 */
public final class VariableUsages {

    private VariableUsages() {
    }

    public static List<VariableUsage> collect(Node root) {
        List<VariableUsage> usages = new ArrayList<>();
        visit(root, "", usages);
        return List.copyOf(usages);
    }

    private static void visit(Node node, String path, List<VariableUsage> usages) {
        if (node instanceof MapNode map) {
            map.entries().forEach((key, value) -> visit(value, TreePaths.key(path, key), usages));
        } else if (node instanceof ListNode list) {
            for (int i = 0; i < list.size(); i++) {
                visit(list.get(i), TreePaths.index(path, i), usages);
            }
        } else if (node instanceof ScalarNode scalar && scalar.value() instanceof String text) {
            try {
                for (VariableReference reference : Template.references(text)) {
                    usages.add(new VariableUsage(reference, scalar.location(), path));
                }
            } catch (InterpolationException e) {
                // invalid syntax: reported by the Interpolator
            }
        }
    }
}
