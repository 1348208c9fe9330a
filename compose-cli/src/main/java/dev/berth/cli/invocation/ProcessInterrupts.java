package dev.berth.cli.invocation;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/** The interrupts of this JVM: SIGINT, whose default action (exit with 130) is the JVM's own. */
final class ProcessInterrupts implements Interrupts {
    private static final Signal INT = new Signal("INT");

    @Override
    public Interception intercept(Runnable onInterrupt) {
        SignalHandler previous = Signal.handle(INT, signal -> onInterrupt.run());
        return () -> Signal.handle(INT, previous);
    }
}
