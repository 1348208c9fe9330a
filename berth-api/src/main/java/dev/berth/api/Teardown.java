package dev.berth.api;

/**
 * What closing a stack does: {@code down}, removing the named volumes too unless {@code keepVolumes}; and when
 * {@code keepOnFailure}, nothing at all after a failure (a failed test, a service that did not get ready), so that
 * the containers can be inspected ({@code berth -p <project> ps / logs / down -v}).
 */
public record Teardown(boolean keepVolumes, boolean keepOnFailure) {

    /** The default: down with volumes, always. */
    public static Teardown downWithVolumes() {
        return new Teardown(false, false);
    }

    public Teardown withKeepVolumes(boolean keep) {
        return new Teardown(keep, keepOnFailure);
    }

    public Teardown withKeepOnFailure(boolean keep) {
        return new Teardown(keepVolumes, keep);
    }

    /** Whether closing after {@code failed} leaves the stack running. */
    public boolean keeps(boolean failed) {
        return failed && keepOnFailure;
    }
}
