package dev.berth.model.env;

/**
 * The shell escape sequences of double-quoted env-file values: {@code \a \b \f \n \r \t \v \\ \"}, {@code \$}
 * (a literal dollar, kept as {@code $$} for the interpolation that follows) and {@code \0ooo} (three octal
 * digits). Any other backslash is kept as written.
 */
final class Escapes {

    private Escapes() {
    }

    static String expand(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 >= value.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = value.charAt(i + 1);
            if (next == '0') {
                i = octal(value, i, out);
                continue;
            }
            String replacement = simple(next);
            if (replacement == null) {
                out.append(c);
                i++;
            } else {
                out.append(replacement);
                i += 2;
            }
        }
        return out.toString();
    }

    private static String simple(char c) {
        switch (c) {
            case 'a': return "\u0007";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'v': return "\u000B";
            case '\\': return "\\";
            case '"': return "\"";
            case '$': return "$$";
            default: return null;
        }
    }

    /** Handles {@code \0} plus up to three digits at {@code start}; returns the index after them. */
    private static int octal(String value, int start, StringBuilder out) {
        int end = start + 2;
        while (end < value.length() && end < start + 5 && Character.isDigit(value.charAt(end))) {
            end++;
        }
        String digits = value.substring(start + 2, end);
        if (digits.length() == 3 && digits.chars().allMatch(d -> d >= '0' && d <= '7')
                && Integer.parseInt(digits, 8) <= 255) {
            out.append((char) Integer.parseInt(digits, 8));
        } else {
            out.append(value, start, end);
        }
        return end;
    }
}
