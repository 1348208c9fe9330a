package dev.berth.cli.support;

import java.time.Duration;
import java.util.Optional;

/** {@code -t SECONDS} as a duration. */
public final class Durations {
    private Durations() {
    }

    public static Optional<Duration> seconds(Integer seconds) {
        return Optional.ofNullable(seconds).map(Duration::ofSeconds);
    }
}
