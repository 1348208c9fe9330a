package dev.berth.embedded;

/** The outcome of an exec: exit code and the captured output. */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
