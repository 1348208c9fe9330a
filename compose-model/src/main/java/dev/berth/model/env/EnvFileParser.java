package dev.berth.model.env;

import dev.berth.model.interpolation.InterpolationException;
import dev.berth.model.interpolation.Template;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the {@code .env} / {@code env_file} format of the Compose Specification:
 * <ul>
 *   <li>{@code VAR=VAL} (also {@code VAR: VAL}), optionally prefixed by {@code export}; blank lines and lines
 *       starting with {@code #} are ignored; a leading UTF-8 BOM is skipped;</li>
 *   <li>unquoted values end at the line end, lose a {@code " #"} inline comment and trailing blanks, and are
 *       interpolated;</li>
 *   <li>double-quoted values may span lines, understand {@code \n \t \r \\ \" \$ \a \b \f \v \0ooo} and are
 *       interpolated; single-quoted values may span lines and are literal except {@code \'};</li>
 *   <li>{@code VAR=} is the empty string; a bare {@code VAR} takes its value from the lookup or stays unset.</li>
 * </ul>
 * Interpolation sees the given lookup first (the OS environment wins), then earlier entries of the same file.
 * All errors are reported together, each with its file and line.
 */
public final class EnvFileParser {

    private static final String RULE = "env file format";
    private static final char BOM = '\uFEFF';

    private final String file;
    private final String text;
    private final Function<String, Optional<String>> lookup;
    private final List<EnvEntry> entries = new ArrayList<>();
    private final Map<String, String> earlier = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private int pos;
    private int line = 1;

    private EnvFileParser(String file, String text, Function<String, Optional<String>> lookup) {
        this.file = Objects.requireNonNull(file, "displayName");
        this.text = Objects.requireNonNull(text, "text");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.pos = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
    }

    /**
     * Parses {@code text}; {@code displayName} names the file in locations.
     *
     * @return the entries in file order (a name assigned twice appears twice; the later one wins)
     * @throws ComposeException carrying every problem found
     */
    public static List<EnvEntry> parse(String displayName, String text, Function<String, Optional<String>> lookup) {
        EnvFileParser parser = new EnvFileParser(displayName, text, lookup);
        parser.statements();
        if (!parser.problems.isEmpty()) {
            throw new ComposeException(parser.problems);
        }
        return List.copyOf(parser.entries);
    }

    private void statements() {
        while (skipBlanksAndComments()) {
            if (!statement(line)) {
                return;
            }
        }
    }

    /** Moves to the start of the next statement; false at the end of the text. */
    private boolean skipBlanksAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                skipRestOfLine();
            } else if (isBlank(c)) {
                if (c == '\n') {
                    line++;
                }
                pos++;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Reads one statement starting at {@code pos}; false when the rest of the file cannot be read. */
    private boolean statement(int statementLine) {
        skipExportKeyword();
        int keyStart = pos;
        while (pos < text.length() && !isKeyEnd(text.charAt(pos))) {
            char c = text.charAt(pos);
            if (!isInlineBlank(c) && !isKeyChar(c)) {
                error(statementLine, "", "unexpected character \"" + c + "\" in variable name \""
                                + lineFrom(keyStart) + "\"",
                        "write VAR=VALUE; names may use letters, digits and _ . - [ ]");
                skipRestOfLine();
                return true;
            }
            pos++;
        }
        String name = text.substring(keyStart, pos).stripTrailing();
        if (!validName(name, statementLine, keyStart)) {
            skipRestOfLine();
            return true;
        }
        Location location = new Location(file, statementLine, 1);
        if (pos >= text.length() || text.charAt(pos) == '\n') {
            inherit(name, location);
            return true;
        }
        pos++;
        skipInlineBlanks();
        if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
            return quoted(name, location);
        }
        unquoted(name, location);
        return true;
    }

    private boolean validName(String name, int statementLine, int keyStart) {
        if (name.isEmpty()) {
            error(statementLine, "", "missing variable name in \"" + lineFrom(keyStart) + "\"",
                    "write VAR=VALUE");
            return false;
        }
        if (name.chars().anyMatch(c -> isInlineBlank((char) c))) {
            error(statementLine, name, "variable name \"" + name + "\" contains a space",
                    "remove the space: names cannot contain blanks");
            return false;
        }
        return true;
    }

    private void inherit(String name, Location location) {
        if (pos < text.length()) {
            pos++;
            line++;
        }
        Optional<String> found = lookup.apply(name);
        String value = found == null ? null : found.orElse(null);
        add(new EnvEntry(name, value, location));
    }

    private boolean quoted(String name, Location location) {
        char quote = text.charAt(pos);
        int start = pos++;
        StringBuilder raw = new StringBuilder();
        boolean escaped = false;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\n') {
                line++;
            }
            if (escaped) {
                escaped = false;
                if (c != quote) {
                    raw.append('\\');
                }
                raw.append(c);
            } else if (c == '\\') {
                escaped = true;
            } else if (c == quote) {
                String value = quote == '"' ? interpolate(Escapes.expand(raw.toString()), name, location)
                        : raw.toString();
                if (value != null) {
                    add(new EnvEntry(name, value, location));
                }
                return true;
            } else {
                raw.append(c);
            }
        }
        error(location.line(), name, "unterminated quoted value " + lineFrom(start),
                "close the " + (quote == '"' ? "double" : "single") + " quote; quoted values may span lines");
        return false;
    }

    private void unquoted(String name, Location location) {
        int end = text.indexOf('\n', pos);
        if (end < 0) {
            end = text.length();
        }
        String value = text.substring(pos, end);
        pos = end;
        if (pos < text.length()) {
            pos++;
            line++;
        }
        int comment = value.indexOf(" #");
        if (comment >= 0) {
            value = value.substring(0, comment);
        }
        value = stripTrailingBlanks(value);
        String interpolated = interpolate(value, name, location);
        if (interpolated != null) {
            add(new EnvEntry(name, interpolated, location));
        }
    }

    /** The substituted value, or null after recording the problem. */
    private String interpolate(String value, String name, Location location) {
        try {
            return Template.substitute(value, this::lookupForValue);
        } catch (InterpolationException e) {
            problems.add(Problem.error(location, name, value, e.getMessage(), RULE,
                    e.variable().map(v -> "set " + v + " in the shell or earlier in this file")
                            .orElse("write $$ for a literal $, or single-quote the value")));
            return null;
        }
    }

    private Optional<String> lookupForValue(String name) {
        Optional<String> outside = lookup.apply(name);
        if (outside != null && outside.isPresent()) {
            return outside;
        }
        return Optional.ofNullable(earlier.get(name));
    }

    private void add(EnvEntry entry) {
        entries.add(entry);
        if (entry.isSet()) {
            earlier.put(entry.name(), entry.value());
        }
    }

    private void error(int atLine, String name, String message, String hint) {
        problems.add(Problem.error(new Location(file, atLine, 1), name, "", message, RULE, hint));
    }

    private void skipExportKeyword() {
        if (text.startsWith("export", pos) && pos + 6 < text.length() && isInlineBlank(text.charAt(pos + 6))) {
            pos += 6;
            skipInlineBlanks();
        }
    }

    private void skipInlineBlanks() {
        while (pos < text.length() && isInlineBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private void skipRestOfLine() {
        int end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length() : end;
    }

    private String lineFrom(int start) {
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end).stripTrailing();
    }

    private static boolean isKeyEnd(char c) {
        return c == '=' || c == ':' || c == '\n';
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '[' || c == ']';
    }

    /** Blank within a line: not a line break. */
    private static boolean isInlineBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u00A0';
    }

    private static boolean isBlank(char c) {
        return c == '\n' || isInlineBlank(c) || Character.isWhitespace(c);
    }

    private static String stripTrailingBlanks(String value) {
        int end = value.length();
        while (end > 0 && isBlank(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
