package dev.berth.swarm.convert;

import dev.berth.model.canonical.GoDuration;

/** Canonical Go-style durations ({@code 1m30s}) as the nanoseconds Swarm specs count in. */
final class GoDurations {
    private GoDurations() {
    }

    /** Nanoseconds, or {@code null} when {@code text} is absent. */
    static Long nanos(String text) {
        return text == null || text.isEmpty() ? null : GoDuration.parse(text).toNanos();
    }
}
