package dev.berth.model.interpolation;

import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The interpolation phase: substitutes variables in every string value of one compose file's tree (never in
 * mapping keys; numbers and booleans are left alone), keeping locations and tags. Every failure becomes an
 * error {@link Problem} at the value's location and path, all of them collected; an unset variable is warned
 * about once per variable, however many files this instance interpolates.
 */
public final class Interpolator {

    static final String RULE = "Compose interpolation";

    private final Function<String, Optional<String>> lookup;
    private final Problems problems;
    private final Set<String> warned = new HashSet<>();

    public Interpolator(Function<String, Optional<String>> lookup, Problems problems) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** Interpolates one tree with a fresh instance (unset warnings once per variable within this tree). */
    public static Node interpolate(Node root, Function<String, Optional<String>> lookup, Problems problems) {
        return new Interpolator(lookup, problems).apply(root);
    }

    /** Returns a new tree with every string value substituted; problems go to this instance's {@link Problems}. */
    public Node apply(Node root) {
        return visit(root, "");
    }

    private Node visit(Node node, String path) {
        if (node instanceof MapNode map) {
            Map<String, Node> entries = new LinkedHashMap<>();
            map.entries().forEach((key, value) -> entries.put(key, visit(value, TreePaths.key(path, key))));
            return map.withEntries(entries);
        }
        if (node instanceof ListNode list) {
            List<Node> items = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                items.add(visit(list.get(i), TreePaths.index(path, i)));
            }
            return list.withItems(items);
        }
        return substitute((ScalarNode) node, path);
    }

    private ScalarNode substitute(ScalarNode scalar, String path) {
        if (!(scalar.value() instanceof String text) || text.indexOf('$') < 0) {
            return scalar;
        }
        try {
            return scalar.withValue(Template.substitute(text, lookup, name -> warnUnset(name, scalar, path)));
        } catch (InterpolationException e) {
            problems.add(Problem.error(scalar.location(), path, text, e.getMessage(), RULE, hint(e)));
            return scalar;
        }
    }

    private void warnUnset(String name, ScalarNode scalar, String path) {
        if (warned.add(name)) {
            problems.add(Problem.warning(scalar.location(), path, scalar.text(),
                    "The \"" + name + "\" variable is not set. Defaulting to a blank string.", RULE,
                    "set " + name + " in the shell or in the .env file, or write ${" + name + ":-default}"));
        }
    }

    private static String hint(InterpolationException e) {
        return e.variable()
                .map(name -> "set " + name + " in the shell or in the .env file (or with --env-file)")
                .orElse("use $VAR, ${VAR}, ${VAR:-default}, ${VAR:?error} or ${VAR:+replacement};"
                        + " write $$ for a literal $");
    }
}
