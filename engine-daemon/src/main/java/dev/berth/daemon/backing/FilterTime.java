package dev.berth.daemon.backing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time values of Docker's {@code until} and {@code since} filters: a Unix timestamp ({@code 1700000000} or with a
 * fraction), an RFC 3339 date and time, a date ({@code 2024-01-31}, UTC), or a Go duration ({@code 24h},
 * {@code 1h30m}, {@code 90s}) meaning that long before {@code now}.
 */
public final class FilterTime {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private FilterTime() {
    }

    /**
     * @throws IllegalArgumentException naming the value and the forms Docker accepts
     */
    public static Instant parse(String value, Instant now) {
        String text = value.strip();
        if (text.matches("\\d+(\\.\\d+)?")) {
            BigDecimal seconds = new BigDecimal(text);
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9)
                    .longValue());
        }
        if (text.matches("(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+")) {
            return now.minus(duration(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("'" + value + "' is not a time: write a Unix timestamp,"
                            + " an RFC 3339 time (2024-01-31T12:00:00Z), a date (2024-01-31) or a duration (24h)");
                }
            }
        }
    }

    private static Duration duration(String text) {
        Duration total = Duration.ZERO;
        Matcher m = DURATION_PART.matcher(text);
        while (m.find()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            long nanosPerUnit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.plusNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
        }
        return total;
    }
}
