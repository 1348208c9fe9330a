package dev.berth.cli.invocation;

/**
 * What a run knows about the terminal it was started from: which of fd 0, 1 and 2 are terminals and the terminal's
 * size (0 when unknown).
 */
public record TerminalFacts(boolean stdinTty, boolean stdoutTty, boolean stderrTty, int columns, int rows) {

    /** No terminal at all, as for a script with redirected input and output. */
    public static final TerminalFacts NONE = new TerminalFacts(false, false, false, 0, 0);

    /**
     * This process's terminal as the JVM sees it: {@code System.console()} exists when standard input and output
     * are both terminals; the JVM cannot tell them apart, nor the size, without native code.
     */
    public static TerminalFacts ofProcess() {
        boolean console = System.console() != null;
        return new TerminalFacts(console, console, console, 0, 0);
    }

    /** Whether a person sits at the other end: standard input and output are both terminals. */
    public boolean interactive() {
        return stdinTty && stdoutTty;
    }
}
