package dev.berth.engine.pull;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code pull_policy} (or {@code --pull} / {@code --policy}): {@code always}, {@code missing} (also
 * written {@code if_not_present}), {@code never}, {@code build}, {@code daily}, {@code weekly} or
 * {@code every_<duration>} such as {@code every_12h} or {@code every_1h30m}.
 *
 * @param kind     which rule
 * @param interval for {@link Kind#PERIODIC}: how old the last pull may get
 */
public record PullPolicy(Kind kind, Optional<Duration> interval) {
    /** The rules. */
    public enum Kind { ALWAYS, MISSING, NEVER, BUILD, PERIODIC }

    public static final PullPolicy ALWAYS = new PullPolicy(Kind.ALWAYS, Optional.empty());
    public static final PullPolicy MISSING = new PullPolicy(Kind.MISSING, Optional.empty());
    public static final PullPolicy NEVER = new PullPolicy(Kind.NEVER, Optional.empty());
    public static final PullPolicy BUILD = new PullPolicy(Kind.BUILD, Optional.empty());
    private static final Pattern EVERY = Pattern.compile("every_((?:\\d+[wdhms])+)");
    private static final Pattern PART = Pattern.compile("(\\d+)([wdhms])");

    public PullPolicy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(interval, "interval");
        if ((kind == Kind.PERIODIC) != interval.isPresent()) {
            throw new IllegalArgumentException("only a periodic pull policy has an interval");
        }
    }

    public static PullPolicy every(Duration interval) {
        return new PullPolicy(Kind.PERIODIC, Optional.of(interval));
    }

    /** Parses a policy; null or blank means {@code missing}, Compose's default. */
    public static PullPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            return MISSING;
        }
        switch (text) {
            case "always":
                return ALWAYS;
            case "missing":
            case "if_not_present":
                return MISSING;
            case "never":
                return NEVER;
            case "build":
                return BUILD;
            case "daily":
                return every(Duration.ofDays(1));
            case "weekly":
                return every(Duration.ofDays(7));
            default:
                Matcher every = EVERY.matcher(text);
                if (every.matches()) {
                    return every(duration(every.group(1)));
                }
                throw new IllegalArgumentException("invalid pull policy '" + text + "': use always, missing, never, build,"
                        + " daily, weekly or every_<duration> such as every_12h");
        }
    }

    private static Duration duration(String text) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "w" -> Duration.ofDays(7 * n);
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("invalid pull policy 'every_" + text + "': the interval must be positive");
        }
        return total;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PERIODIC -> "every " + interval.orElseThrow().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
