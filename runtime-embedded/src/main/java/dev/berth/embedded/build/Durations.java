package dev.berth.embedded.build;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations ({@code 1m30s}, {@code 500ms}) as used by HEALTHCHECK flags. */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private Durations() {
    }

    static long parseNanos(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("missing duration");
        }
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = PART.matcher(text);
        long total = 0;
        int pos = 0;
        while (m.find() && m.start() == pos) {
            double value = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            total += (long) (value * unit);
            pos = m.end();
        }
        if (pos != text.length()) {
            throw new IllegalArgumentException("invalid duration '" + text + "' (use e.g. 30s, 1m30s, 500ms)");
        }
        return total;
    }

    static int parseRetries(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid --retries '" + text + "' (a non-negative integer)");
        }
    }
}
