package dev.berth.model.schema;

import java.util.List;
import org.everit.json.schema.ValidationException;

/**
 * One leaf failure of the schema: where ({@code pointer}), which keyword failed, and for a type failure the
 * kinds of value that would have been accepted ("string", "list", ...), in the schema's order.
 */
record Violation(String pointer, String keyword, List<String> expected, ValidationException cause) {

    Violation {
        expected = List.copyOf(expected);
    }

    boolean isTypeFailureAt(String at) {
        return "type".equals(keyword) && pointer.equals(at);
    }
}
