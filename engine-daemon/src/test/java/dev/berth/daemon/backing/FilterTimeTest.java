package dev.berth.daemon.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The time forms of Docker's until/since filters. */
class FilterTimeTest {
    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    @Test
    void timestampsDatesAndDurationsBeforeNow() {
        assertEquals(Instant.ofEpochSecond(1700000000, 500_000_000), FilterTime.parse("1700000000.5", NOW));
        assertEquals(Instant.parse("2024-01-31T12:00:00Z"), FilterTime.parse("2024-01-31T13:00:00+01:00", NOW));
        assertEquals(Instant.parse("2024-01-31T00:00:00Z"), FilterTime.parse("2024-01-31", NOW));
        assertEquals(NOW.minus(Duration.ofMinutes(90)), FilterTime.parse("1h30m", NOW));
        assertEquals(NOW.minus(Duration.ofMillis(1500)), FilterTime.parse("1.5s", NOW));
    }

    @Test
    void anythingElseIsRefusedWithTheFormsAccepted() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FilterTime.parse("yesterday", NOW)).getMessage()
                .contains("a duration (24h)"));
    }
}
