package dev.berth.daemon.backing;

import dev.berth.embedded.logs.LogQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The query of {@code GET /containers/{id}/logs}: which streams, {@code since}/{@code until} as Unix seconds
 * (fractions allowed, 0 meaning unbounded), {@code tail} ({@code all} or a line count), {@code follow} and
 * {@code timestamps}.
 */
public record LogRequest(boolean stdout, boolean stderr, Optional<Instant> since, Optional<Instant> until, int tail,
                         boolean follow, boolean timestamps) {

    /** Reads the parameters through {@code param}; {@code flag} reads Docker booleans. */
    public static LogRequest parse(Function<String, Optional<String>> param, Function<String, Boolean> flag) {
        int tail = param.apply("tail").filter(t -> !t.isEmpty() && !t.equals("all")).map(t -> {
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tail: '" + t + "' is not a number of lines or \"all\"");
            }
        }).orElse(-1);
        return new LogRequest(flag.apply("stdout"), flag.apply("stderr"), time(param.apply("since"), "since"),
                time(param.apply("until"), "until"), tail, flag.apply("follow"), flag.apply("timestamps"));
    }

    /** A Docker time parameter: Unix seconds with an optional fraction (0 or empty meaning none) or RFC 3339. */
    public static Optional<Instant> time(Optional<String> value, String name) {
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            BigDecimal seconds = new BigDecimal(value.get());
            if (seconds.signum() == 0) {
                return Optional.empty();
            }
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole, nanos));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(Instant.parse(value.get()));
            } catch (java.time.format.DateTimeParseException e2) {
                throw new IllegalArgumentException(name + ": '" + value.get() + "' is neither Unix seconds nor an"
                        + " RFC 3339 time");
            }
        }
    }

    public LogQuery query() {
        return new LogQuery(stdout, stderr, since.orElse(null), until.orElse(null), tail, follow);
    }
}
