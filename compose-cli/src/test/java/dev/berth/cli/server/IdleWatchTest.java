package dev.berth.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The idle timeout: counted from the end of the last request, never while one runs. */
class IdleWatchTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final TestClock clock = new TestClock();
    private final IdleWatch watch = new IdleWatch(Duration.ofMinutes(10), clock);

    @Test
    void theTimeoutRunsFromTheEndOfTheLastRequest() {
        clock.advance(Duration.ofMinutes(4));
        assertTrue(watch.begin());
        clock.advance(Duration.ofMinutes(30));
        assertEquals(Duration.ofMinutes(10), watch.remaining(), "a running request keeps the server");
        watch.end();
        clock.advance(Duration.ofMinutes(6));

        assertEquals(Duration.ofMinutes(4), watch.remaining());
    }

    @Test
    void onceIdleLongEnoughNoRequestBegins() {
        clock.advance(Duration.ofMinutes(10));

        assertEquals(Duration.ZERO, watch.remaining());
        assertFalse(watch.begin());
        assertEquals(0, watch.running());
    }

    @Test
    void durationsAreWrittenWithAUnitOrInSeconds() {
        assertEquals(Duration.ofHours(3), IdleTimeout.choose(null, Map.of()));
        assertEquals(Duration.ofMinutes(15), IdleTimeout.choose(null, Map.of(IdleTimeout.ENV, "15m")));
        assertEquals(Duration.ofSeconds(90), IdleTimeout.choose("90", Map.of(IdleTimeout.ENV, "15m")));
        assertEquals(Duration.ofMillis(500), IdleTimeout.parse("500ms", "--idle"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdleTimeout.choose(null, Map.of(IdleTimeout.ENV, "forever")));
        assertEquals("BERTH_CLI_SERVER_IDLE forever is not a duration; write e.g. 90s, 15m or 3h", e.getMessage());
    }
}
