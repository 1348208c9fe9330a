package dev.berth.embedded.build;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Dockerfile word processor: quote removal, the escape character and variable substitution ({@code $v},
 * {@code ${v}}, {@code ${v:-x}}, {@code ${v-x}}, {@code ${v:+x}}, {@code ${v+x}}, {@code ${v:?msg}}). Single quotes
 * suppress substitution; an unset variable expands to the empty string.
 */
public final class ShellLexer {
    private final char escape;

    public ShellLexer(char escape) {
        this.escape = escape;
    }

    /** Splits {@code text} into words on unquoted whitespace, removing quotes and substituting variables. */
    public List<String> words(String text, Function<String, String> vars) {
        return process(text, vars, true);
    }

    /** Substitutes variables and removes quotes but keeps the text as one word. */
    public String word(String text, Function<String, String> vars) {
        List<String> words = process(text, vars, false);
        return words.isEmpty() ? "" : words.get(0);
    }

    /** Substitutes variables only, keeping quotes and escapes (heredoc bodies, COPY &lt;&lt;EOF). */
    public String expandOnly(String text, Function<String, String> vars) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == escape && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$') {
                i = variable(text, i, vars, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private List<String> process(String text, Function<String, String> vars, boolean split) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (split && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
                continue;
            }
            inWord = true;
            if (c == escape) {
                if (i + 1 < text.length()) {
                    word.append(text.charAt(i + 1));
                    i += 2;
                } else {
                    word.append(c);
                    i++;
                }
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unmatched single quote in: " + text);
                }
                word.append(text, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unmatched double quote in: " + text);
                    }
                    char d = text.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == escape && i + 1 < text.length()) {
                        char next = text.charAt(i + 1);
                        if (next == '"' || next == '$' || next == escape) {
                            word.append(next);
                            i += 2;
                            continue;
                        }
                        word.append(d);
                        i++;
                    } else if (d == '$') {
                        i = variable(text, i, vars, word);
                    } else {
                        word.append(d);
                        i++;
                    }
                }
            } else if (c == '$') {
                StringBuilder value = new StringBuilder();
                i = variable(text, i, vars, value);
                for (int k = 0; k < value.length(); k++) {
                    char v = value.charAt(k);
                    if (split && Character.isWhitespace(v)) {
                        if (word.length() > 0) {
                            words.add(word.toString());
                            word.setLength(0);
                        }
                    } else {
                        word.append(v);
                    }
                }
                inWord = word.length() > 0;
            } else {
                word.append(c);
                i++;
            }
        }
        if (inWord || !split) {
            words.add(word.toString());
        }
        return words;
    }

    /** Expands the variable starting at {@code text[start] == '$'}; returns the index after it. */
    private int variable(String text, int start, Function<String, String> vars, StringBuilder out) {
        int i = start + 1;
        if (i >= text.length()) {
            out.append('$');
            return i;
        }
        char c = text.charAt(i);
        if (c == '{') {
            int close = matchingBrace(text, i);
            if (close < 0) {
                throw new IllegalArgumentException("missing '}' in variable reference: " + text.substring(start));
            }
            String body = text.substring(i + 1, close);
            out.append(braced(body, vars));
            return close + 1;
        }
        int end = i;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end == i) {
            out.append('$');
            return i;
        }
        String value = vars.apply(text.substring(i, end));
        out.append(value == null ? "" : value);
        return end;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private String braced(String body, Function<String, String> vars) {
        int end = 0;
        while (end < body.length() && (Character.isLetterOrDigit(body.charAt(end)) || body.charAt(end) == '_')) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("bad substitution: ${" + body + "}");
        }
        String name = body.substring(0, end);
        String value = vars.apply(name);
        if (end == body.length()) {
            return value == null ? "" : value;
        }
        String op = body.substring(end);
        boolean colon = op.startsWith(":");
        String rest = colon ? op.substring(1) : op;
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("bad substitution: ${" + body + "}");
        }
        char kind = rest.charAt(0);
        String word = word(rest.substring(1), vars);
        boolean set = colon ? value != null && !value.isEmpty() : value != null;
        switch (kind) {
            case '-':
                return set ? value : word;
            case '+':
                return set ? word : "";
            case '?':
                if (!set) {
                    throw new IllegalArgumentException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                return value;
            default:
                throw new IllegalArgumentException("unsupported modifier in ${" + body + "} (use :-, -, :+, +, :? or ?)");
        }
    }
}
