package dev.berth.embedded.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** ENV and LABEL arguments: {@code k=v k2="v 2"} pairs, or the legacy {@code ENV key value with spaces} form. */
final class KeyValues {
    private KeyValues() {
    }

    /** True when an '=' comes before the first unquoted whitespace. */
    private static boolean pairsForm(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                return true;
            } else if (Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }

    static Map<String, String> parse(String keyword, String rest, ShellLexer lexer, Function<String, String> vars) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!pairsForm(rest.strip())) {
            String[] parts = rest.strip().split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException(keyword + " " + parts[0] + " has no value (write " + keyword + " "
                        + parts[0] + "=<value>)");
            }
            out.put(parts[0], lexer.word(parts[1], vars));
            return out;
        }
        List<String> words = lexer.words(rest, vars);
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(keyword + " expects key=value pairs, found '" + word + "'");
            }
            out.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return out;
    }
}
