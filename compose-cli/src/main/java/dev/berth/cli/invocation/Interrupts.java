package dev.berth.cli.invocation;

/**
 * Ctrl-C for one run. By default an interrupt ends the run with exit code 130; a command that has something to do
 * first (attached {@code up} stops its containers) intercepts interrupts for a while.
 */
public interface Interrupts {

    /**
     * Until the returned interception is closed, every interrupt calls {@code onInterrupt} instead of ending the
     * run. The call comes from a signal or network thread and must return quickly.
     */
    Interception intercept(Runnable onInterrupt);

    /** An active interception; closing it restores the default. */
    interface Interception extends AutoCloseable {
        @Override
        void close();
    }
}
