package dev.berth.cli.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts running requests and says when the server has been idle long enough to exit. Once it has said so, no
 * request begins any more: a connection arriving then is refused as {@link Refusal#SHUTTING_DOWN}.
 */
final class IdleWatch {
    private final Duration limit;
    private final Clock clock;
    private int running;
    private Instant idleSince;
    private boolean closed;

    IdleWatch(Duration limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.idleSince = clock.instant();
    }

    /** Whether a request may begin; false once the server is closing. */
    synchronized boolean begin() {
        if (closed) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void end() {
        running--;
        if (running == 0) {
            idleSince = clock.instant();
        }
    }

    synchronized int running() {
        return running;
    }

    /** How long until the idle limit is reached, if nothing begins: zero when reached (and then closes). */
    synchronized Duration remaining() {
        if (closed) {
            return Duration.ZERO;
        }
        if (running > 0) {
            return limit;
        }
        Duration left = limit.minus(Duration.between(idleSince, clock.instant()));
        if (left.isNegative() || left.isZero()) {
            closed = true;
            return Duration.ZERO;
        }
        return left;
    }

    /** Closes now: no request begins any more. */
    synchronized void close() {
        closed = true;
    }
}
