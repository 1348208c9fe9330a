package dev.berth.runtime;

import java.util.Objects;

/** The outcome of an exec: exit code and the complete captured output streams. */
public record ExecResult(int exitCode, String stdout, String stderr) {
  public ExecResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }
}
