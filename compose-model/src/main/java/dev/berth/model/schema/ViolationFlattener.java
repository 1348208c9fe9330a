package dev.berth.model.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.BooleanSchema;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.NullSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;

/**
 * Reduces everit's tree of {@link ValidationException}s to the leaf failures a user should read.
 * For a failed {@code oneOf}/{@code anyOf}, the alternative whose shape fits the value (a mapping for a mapping)
 * is followed; when no alternative fits, the alternatives become one failure listing the accepted kinds.
 */
final class ViolationFlattener {

    private ViolationFlattener() {
    }

    static List<Violation> flatten(ValidationException e) {
        List<Violation> out = new ArrayList<>();
        collect(e, out);
        return withoutNoiseBesideTypeFailures(dedupe(out));
    }

    /** A value of the wrong kind also fails the other rules at its place (enum, pattern): only its kind is reported. */
    private static List<Violation> withoutNoiseBesideTypeFailures(List<Violation> all) {
        Set<String> wrongKind = new HashSet<>();
        all.stream().filter(v -> "type".equals(v.keyword())).forEach(v -> wrongKind.add(v.pointer()));
        return all.stream().filter(v -> "type".equals(v.keyword()) || !wrongKind.contains(v.pointer())).toList();
    }

    private static void collect(ValidationException e, List<Violation> out) {
        List<ValidationException> causes = e.getCausingExceptions();
        String keyword = e.getKeyword();
        if (isAlternatives(e) && !causes.isEmpty()) {
            out.addAll(bestAlternative(e));
        } else if (!causes.isEmpty()) {
            causes.forEach(cause -> collect(cause, out));
        } else if ("type".equals(keyword)) {
            out.add(new Violation(e.getPointerToViolation(), "type", expectedKinds(e), e));
        } else {
            out.add(new Violation(e.getPointerToViolation(), keyword == null ? "" : keyword, List.of(), e));
        }
    }

    private static boolean isAlternatives(ValidationException e) {
        if ("oneOf".equals(e.getKeyword()) || "anyOf".equals(e.getKeyword())) {
            return true;
        }
        // a multi-type "type": [...] compiles to a synthetic anyOf
        return e.getViolatedSchema() instanceof CombinedSchema combined
                && combined.getCriterion() != CombinedSchema.ALL_CRITERION;
    }

    private static List<Violation> bestAlternative(ValidationException e) {
        String at = e.getPointerToViolation();
        List<List<Violation>> fitting = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (ValidationException branch : e.getCausingExceptions()) {
            List<Violation> leaves = flatten(branch);
            if (leaves.stream().anyMatch(v -> v.isTypeFailureAt(at))) {
                leaves.stream().filter(v -> v.isTypeFailureAt(at)).forEach(v -> kinds.addAll(v.expected()));
            } else {
                fitting.add(leaves);
            }
        }
        if (fitting.isEmpty()) {
            return List.of(new Violation(at, "type", List.copyOf(kinds), e));
        }
        // prefer the alternative that got furthest into the value, then the one with the fewest complaints
        return fitting.stream()
                .min(Comparator.<List<Violation>>comparingInt(b -> -deepest(b)).thenComparingInt(List::size))
                .orElseThrow();
    }

    private static int deepest(List<Violation> leaves) {
        return leaves.stream().mapToInt(v -> NodeLocator.segments(v.pointer()).size()).max().orElse(0);
    }

    private static List<String> expectedKinds(ValidationException e) {
        Schema schema = e.getViolatedSchema();
        if (schema instanceof StringSchema) {
            return List.of("string");
        }
        if (schema instanceof BooleanSchema) {
            return List.of("boolean");
        }
        if (schema instanceof NumberSchema number) {
            return List.of(number.requiresInteger() ? "integer" : "number");
        }
        if (schema instanceof NullSchema) {
            return List.of("null");
        }
        if (schema instanceof ArraySchema) {
            return List.of("list");
        }
        if (schema instanceof ObjectSchema) {
            return List.of("mapping");
        }
        return List.of(fromMessage(e.getErrorMessage()));
    }

    private static String fromMessage(String message) {
        String m = message == null ? "" : message;
        int start = m.indexOf("expected type: ");
        int end = m.indexOf(',', start);
        if (start < 0 || end < 0) {
            return "value of another kind";
        }
        return switch (m.substring(start + "expected type: ".length(), end)) {
            case "String" -> "string";
            case "JSONObject" -> "mapping";
            case "JSONArray" -> "list";
            case "Integer" -> "integer";
            case "Boolean" -> "boolean";
            case "Null" -> "null";
            default -> "number";
        };
    }

    private static List<Violation> dedupe(List<Violation> all) {
        List<Violation> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Violation v : all) {
            if (seen.add(v.pointer() + '\u0000' + v.keyword() + '\u0000' + v.cause().getErrorMessage() + v.expected())) {
                out.add(v);
            }
        }
        return out;
    }
}
