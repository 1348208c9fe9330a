package dev.berth.cli.server;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's idle timeout: {@code --idle}, else {@code BERTH_CLI_SERVER_IDLE}, else three hours. */
final class IdleTimeout {
    static final String ENV = "BERTH_CLI_SERVER_IDLE";
    static final Duration DEFAULT = Duration.ofHours(3);
    private static final Pattern SYNTAX = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private IdleTimeout() {
    }

    /**
     * {@code 90}, {@code 90s}, {@code 15m}, {@code 3h} or {@code 500ms}.
     *
     * @throws IllegalArgumentException naming the value and the syntax
     */
    static Duration parse(String text, String source) {
        Matcher m = SYNTAX.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(source + " " + text + " is not a duration; write e.g. 90s, 15m or 3h");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    static Duration choose(String flag, java.util.Map<String, String> env) {
        if (flag != null) {
            return parse(flag, "--idle");
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT : parse(fromEnv, ENV);
    }
}
