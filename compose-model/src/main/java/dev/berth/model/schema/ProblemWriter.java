package dev.berth.model.schema;

import dev.berth.model.problem.Problem;
import dev.berth.model.schema.NodeLocator.Located;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NotSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;

/** Words one schema {@link Violation} as a {@link Problem} pointing at the offending node or key. */
final class ProblemWriter {

    private static final Pattern EXTRA_KEY = Pattern.compile("extraneous key \\[(.*)\\] is not permitted", Pattern.DOTALL);
    private static final Pattern MISSING_KEY = Pattern.compile("required key \\[(.*)\\] not found", Pattern.DOTALL);
    private static final String NAME_PATTERN = "^[a-zA-Z0-9._-]+$";
    /** The order accepted kinds are listed in, whatever order the schema's alternatives come in. */
    private static final List<String> KIND_ORDER = List.of("string", "mapping", "list", "integer", "number", "boolean", "null");
    private static final String RULE_PREFIX = "Compose schema: ";

    private final Node root;

    ProblemWriter(Node root) {
        this.root = root;
    }

    Problem write(Violation v) {
        Located at = NodeLocator.locate(root, v.pointer());
        return switch (v.keyword()) {
            case "type" -> wrongType(v, at);
            case "additionalProperties" -> unknownKey(v, at);
            case "required" -> missingKey(v, at);
            case "enum" -> notOneOf(v, at);
            case "pattern" -> Problem.error(at.location(), at.path(), render(at.node()),
                    subject(at) + " does not match the required pattern " + ((StringSchema) v.cause().getViolatedSchema()).getPattern(),
                    rule(v), "check the value against the Compose specification");
            case "not" -> exclusive(v, at);
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> outOfRange(v, at);
            case "uniqueItems" -> duplicate(v, at);
            case "oneOf", "anyOf" -> Problem.error(at.location(), at.path(), render(at.node()),
                    subject(at) + " matches more than one of the accepted forms", rule(v),
                    "write the value in one of the forms the Compose specification describes");
            default -> Problem.error(at.location(), at.path(), render(at.node()),
                    subject(at) + " is invalid: " + v.cause().getErrorMessage(), rule(v),
                    "check the value against the Compose specification");
        };
    }

    private Problem wrongType(Violation v, Located at) {
        String kinds = kinds(v.expected());
        String hint = "write " + subject(at) + " as " + kinds;
        if (v.expected().contains("string") && at.node() instanceof ScalarNode) {
            hint = "quote the value to make it a string";
        } else if (v.expected().contains("mapping") && !v.expected().contains("list")) {
            hint = "write it as indented key: value lines";
        } else if (v.expected().contains("mapping")) {
            hint = "write it as indented key: value lines or as a list";
        }
        return Problem.error(at.location(), at.path(), render(at.node()), subject(at) + " must be " + kinds + ", not "
                + kindOf(at.node()), rule(v), hint);
    }

    private Problem unknownKey(Violation v, Located at) {
        String key = group(EXTRA_KEY, v.cause().getErrorMessage()).orElse("?");
        MapNode map = at.node() instanceof MapNode m ? m : MapNode.empty();
        String path = NodeLocator.child(at.path(), key);
        Schema schema = v.cause().getViolatedSchema();
        if (schema instanceof ObjectSchema object && object.getPropertySchemas().isEmpty()) {
            boolean names = object.getPatternProperties().keySet().stream().anyMatch(p -> p.pattern().equals(NAME_PATTERN));
            String hint = names ? "names may use only letters, digits, '.', '_' and '-'"
                    : "keys must match " + object.getPatternProperties().keySet();
            return Problem.error(map.keyLocation(key), path, key, (at.path().isEmpty() ? "top level" : at.path())
                    + ": invalid name '" + key + "'", rule(v), hint);
        }
        List<String> allowed = schema instanceof ObjectSchema object ? List.copyOf(object.getPropertySchemas().keySet()) : List.of();
        String hint = Spelling.closest(key, allowed).map(s -> "did you mean '" + s + "'?")
                .orElse("remove it or check its spelling; extensions must start with 'x-'");
        return Problem.error(map.keyLocation(key), path, key, "additional property '" + key + "' is not allowed in "
                + where(at), rule(v), hint);
    }

    private Problem missingKey(Violation v, Located at) {
        String key = group(MISSING_KEY, v.cause().getErrorMessage()).orElse("?");
        return Problem.error(at.location(), at.path(), "", subject(at) + " is missing required property '" + key + "'",
                rule(v), "add '" + key + "'");
    }

    private Problem notOneOf(Violation v, Located at) {
        String allowed = v.cause().getViolatedSchema() instanceof EnumSchema e
                ? e.getPossibleValuesAsList().stream().map(o -> "'" + o + "'").collect(Collectors.joining(", "))
                : "the listed values";
        return Problem.error(at.location(), at.path(), render(at.node()), subject(at) + " must be one of " + allowed,
                rule(v), "use one of " + allowed);
    }

    private Problem duplicate(Violation v, Located at) {
        if (at.node() instanceof ListNode list) {
            for (int i = 1; i < list.size(); i++) {
                int first = list.items().subList(0, i).indexOf(list.get(i));
                if (first >= 0) {
                    Node repeated = list.get(i);
                    return Problem.error(repeated.location(), at.path() + "[" + i + "]", render(repeated),
                            subject(at) + " lists " + render(repeated) + " twice (items " + first + " and " + i + ")",
                            rule(v), "remove the repeated entry");
                }
            }
        }
        return Problem.error(at.location(), at.path(), render(at.node()), subject(at) + " contains duplicate items",
                rule(v), "remove the repeated entries");
    }

    private Problem exclusive(Violation v, Located at) {
        List<String> keys = v.cause().getViolatedSchema() instanceof NotSchema not
                && not.getMustNotMatch() instanceof ObjectSchema both ? both.getRequiredProperties() : List.of();
        if (keys.size() != 2) {
            return Problem.error(at.location(), at.path(), render(at.node()), subject(at) + " is not allowed in this form",
                    rule(v), "check the value against the Compose specification");
        }
        MapNode map = at.node() instanceof MapNode m ? m : MapNode.empty();
        String second = keys.get(1);
        return Problem.error(map.keyLocation(second), NodeLocator.child(at.path(), second), "",
                subject(at) + ": '" + keys.get(0) + "' and '" + second + "' are mutually exclusive", rule(v),
                "keep only one of '" + keys.get(0) + "' and '" + second + "'");
    }

    private Problem outOfRange(Violation v, Located at) {
        String range = "";
        if (v.cause().getViolatedSchema() instanceof NumberSchema n) {
            range = " (" + (n.getMinimum() == null ? "" : "at least " + n.getMinimum())
                    + (n.getMinimum() != null && n.getMaximum() != null ? ", " : "")
                    + (n.getMaximum() == null ? "" : "at most " + n.getMaximum()) + ")";
        }
        return Problem.error(at.location(), at.path(), render(at.node()), subject(at) + " is out of range" + range,
                rule(v), "use a value within the range");
    }

    private static String rule(Violation v) {
        return RULE_PREFIX + v.keyword();
    }

    private static String subject(Located at) {
        return at.path().isEmpty() ? "top-level object" : at.path();
    }

    private static String where(Located at) {
        return at.path().isEmpty() ? "the top level" : at.path();
    }

    private static Optional<String> group(Pattern pattern, String message) {
        Matcher m = pattern.matcher(message == null ? "" : message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static String kinds(List<String> kinds) {
        List<String> words = KIND_ORDER.stream()
                .filter(kinds::contains)
                .filter(k -> !(k.equals("integer") && kinds.contains("number")))
                .map(ProblemWriter::article)
                .toList();
        if (words.isEmpty()) {
            return "of another kind";
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String article(String kind) {
        return switch (kind) {
            case "null" -> "null";
            case "integer" -> "an integer";
            default -> "a " + kind;
        };
    }

    private static String kindOf(Node node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        Object value = ((ScalarNode) node).value();
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value instanceof Double ? "a number" : "an integer";
    }

    private static String render(Node node) {
        return node instanceof ScalarNode scalar ? scalar.describe() : node.describe();
    }
}
