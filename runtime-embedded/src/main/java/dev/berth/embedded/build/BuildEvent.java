package dev.berth.embedded.build;

/**
 * Build progress: {@code step} is "stage/index" style text such as {@code [build 2/5]}, {@code instruction} the
 * Dockerfile text, {@code detail} output lines or messages, {@code millis} the step's duration when done.
 */
public record BuildEvent(Kind kind, String stage, int step, int steps, String instruction, int line, String detail,
                         long millis) {
    /** What happened. */
    public enum Kind { STAGE, STEP, CACHED, DONE, OUTPUT, WARNING, IMAGE }

    static BuildEvent of(Kind kind, String stage, int step, int steps, Instruction in, String detail, long millis) {
        return new BuildEvent(kind, stage, step, steps, in == null ? null : in.original(), in == null ? 0 : in.line(),
                detail, millis);
    }
}
