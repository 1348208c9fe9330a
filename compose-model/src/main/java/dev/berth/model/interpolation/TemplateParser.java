package dev.berth.model.interpolation;

import dev.berth.model.interpolation.VariableReference.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Compose interpolation syntax into {@link Segment}s, eagerly, so that a syntax error anywhere in a
 * template is reported even where evaluation would not reach it. {@code $$} is a literal dollar; a {@code $}
 * not followed by a name or a brace is kept as written.
 */
final class TemplateParser {

    private static final Modifier[] OPERATORS_LONGEST_FIRST = {
        Modifier.DEFAULT_IF_UNSET_OR_EMPTY, Modifier.REQUIRED_NON_EMPTY, Modifier.REPLACE_IF_NON_EMPTY,
        Modifier.DEFAULT_IF_UNSET, Modifier.REQUIRED_SET, Modifier.REPLACE_IF_SET,
    };

    private final String template;

    private TemplateParser(String template) {
        this.template = template;
    }

    static List<Segment> parse(String template) {
        TemplateParser parser = new TemplateParser(template);
        return parser.parse(0, template.length());
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private List<Segment> parse(int from, int to) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = from;
        while (i < to) {
            char c = template.charAt(i);
            char next = i + 1 < to ? template.charAt(i + 1) : 0;
            if (c != '$' || i + 1 >= to) {
                literal.append(c);
                i++;
            } else if (next == '$') {
                literal.append('$');
                i += 2;
            } else if (isNameStart(next)) {
                int end = nameEnd(i + 1, to);
                flush(literal, segments);
                segments.add(new Segment.Reference(
                        new VariableReference(template.substring(i + 1, end), Modifier.NONE, ""), List.of()));
                i = end;
            } else if (next == '{') {
                int close = closingBrace(i + 2, to);
                flush(literal, segments);
                segments.add(braced(i + 2, close));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, segments);
        return segments;
    }

    private Segment braced(int from, int close) {
        int nameEnd = from < close && isNameStart(template.charAt(from)) ? nameEnd(from, close) : from;
        if (nameEnd == from) {
            throw InterpolationException.invalid(template,
                    "\"${" + template.substring(from, close) + "}\" does not start with a variable name"
                            + " ([_a-zA-Z][_a-zA-Z0-9]*)");
        }
        String name = template.substring(from, nameEnd);
        if (nameEnd == close) {
            return new Segment.Reference(new VariableReference(name, Modifier.NONE, ""), List.of());
        }
        for (Modifier modifier : OPERATORS_LONGEST_FIRST) {
            if (template.startsWith(modifier.symbol(), nameEnd)) {
                int argumentStart = nameEnd + modifier.symbol().length();
                String argument = template.substring(argumentStart, close);
                return new Segment.Reference(new VariableReference(name, modifier, argument),
                        parse(argumentStart, close));
            }
        }
        throw InterpolationException.invalid(template, "unexpected \"" + template.charAt(nameEnd) + "\" after ${"
                + name + "; expected }, :-, -, :?, ?, :+ or +");
    }

    private int nameEnd(int from, int to) {
        int end = from;
        while (end < to && isNamePart(template.charAt(end))) {
            end++;
        }
        return end;
    }

    /** The index of the brace closing the one opened just before {@code from}; nested braces are balanced. */
    private int closingBrace(int from, int to) {
        int depth = 1;
        for (int i = from; i < to; i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw InterpolationException.invalid(template, "\"${\" is not closed by \"}\"; write $$ for a literal $");
    }

    private static void flush(StringBuilder literal, List<Segment> segments) {
        if (literal.length() > 0) {
            segments.add(new Segment.Literal(literal.toString()));
            literal.setLength(0);
        }
    }
}
