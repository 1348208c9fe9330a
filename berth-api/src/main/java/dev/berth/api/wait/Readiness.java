package dev.berth.api.wait;

import java.util.Objects;

/** What one look at a service found: ready, not yet (and why), or never going to be (and why). */
public record Readiness(State state, String detail) {

    /** Where a service stands. */
    public enum State { READY, PENDING, FAILED }

    public Readiness {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    public static Readiness ready() {
        return new Readiness(State.READY, "ready");
    }

    public static Readiness pending(String why) {
        return new Readiness(State.PENDING, why);
    }

    public static Readiness failed(String why) {
        return new Readiness(State.FAILED, why);
    }

    public boolean isReady() {
        return state == State.READY;
    }

    public boolean isFailed() {
        return state == State.FAILED;
    }
}
