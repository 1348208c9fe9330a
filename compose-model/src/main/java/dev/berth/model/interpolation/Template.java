package dev.berth.model.interpolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compose string interpolation: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}},
 * {@code ${VAR:?error}}, {@code ${VAR?error}}, {@code ${VAR:+replacement}}, {@code ${VAR+replacement}}, nested
 * references inside arguments (evaluated only when used), {@code $$} for a literal {@code $}; a lone {@code $} is
 * kept. Variable names match {@code [_a-zA-Z][_a-zA-Z0-9]*}.
 */
public final class Template {

    private Template() {
    }

    /** Substitutes {@code template}; unset plain references become "". */
    public static String substitute(String template, Function<String, Optional<String>> lookup) {
        return substitute(template, lookup, name -> { });
    }

    /**
     * Substitutes {@code template}. Each plain reference ({@code $VAR}, {@code ${VAR}}) to an unset variable
     * becomes "" and its name is passed to {@code onUnset}, so that the caller can warn.
     *
     * @throws InterpolationException when the syntax is invalid or a required variable has no value
     */
    public static String substitute(String template, Function<String, Optional<String>> lookup,
                                    Consumer<String> onUnset) {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(onUnset, "onUnset");
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length());
        evaluate(TemplateParser.parse(template), lookup, onUnset, out);
        return out.toString();
    }

    /** Every reference in {@code template}, outer ones before those nested in their arguments, in written order. */
    public static List<VariableReference> references(String template) {
        List<VariableReference> found = new ArrayList<>();
        if (template.indexOf('$') >= 0) {
            collect(TemplateParser.parse(template), found);
        }
        return List.copyOf(found);
    }

    private static void collect(List<Segment> segments, List<VariableReference> found) {
        for (Segment segment : segments) {
            if (segment instanceof Segment.Reference ref) {
                found.add(ref.reference());
                collect(ref.argument(), found);
            }
        }
    }

    private static void evaluate(List<Segment> segments, Function<String, Optional<String>> lookup,
                                 Consumer<String> onUnset, StringBuilder out) {
        for (Segment segment : segments) {
            if (segment instanceof Segment.Literal literal) {
                out.append(literal.text());
            } else if (segment instanceof Segment.Reference ref) {
                out.append(resolve(ref, lookup, onUnset));
            }
        }
    }

    private static String resolve(Segment.Reference ref, Function<String, Optional<String>> lookup,
                                  Consumer<String> onUnset) {
        VariableReference reference = ref.reference();
        Optional<String> found = lookup.apply(reference.name());
        String value = found == null ? null : found.orElse(null);
        boolean set = value != null;
        boolean nonEmpty = set && !value.isEmpty();
        switch (reference.modifier()) {
            case NONE:
                if (!set) {
                    onUnset.accept(reference.name());
                    return "";
                }
                return value;
            case DEFAULT_IF_UNSET_OR_EMPTY:
                return nonEmpty ? value : argument(ref, lookup, onUnset);
            case DEFAULT_IF_UNSET:
                return set ? value : argument(ref, lookup, onUnset);
            case REQUIRED_NON_EMPTY:
                if (nonEmpty) {
                    return value;
                }
                throw InterpolationException.required(reference.name(), argument(ref, lookup, onUnset));
            case REQUIRED_SET:
                if (set) {
                    return value;
                }
                throw InterpolationException.required(reference.name(), argument(ref, lookup, onUnset));
            case REPLACE_IF_NON_EMPTY:
                return nonEmpty ? argument(ref, lookup, onUnset) : "";
            case REPLACE_IF_SET:
                return set ? argument(ref, lookup, onUnset) : "";
            default:
                throw new IllegalStateException("unknown modifier " + reference.modifier());
        }
    }

    private static String argument(Segment.Reference ref, Function<String, Optional<String>> lookup,
                                   Consumer<String> onUnset) {
        StringBuilder out = new StringBuilder();
        evaluate(ref.argument(), lookup, onUnset, out);
        return out.toString();
    }
}
