package dev.berth.runtime;

import java.util.OptionalInt;

/**
 * A build failed because of its input: a Dockerfile error (with the line when the runtime knows it), a missing
 * context or Dockerfile, a step that exited non-zero. {@code hint} says what to do next.
 */
public class BuildFailedException extends RuntimeOperationException {
  private final String dockerfile;
  private final OptionalInt line;
  private final String problem;
  private final String hint;

  /**
   * @param image the image being built
   * @param dockerfile where the Dockerfile is (a path or {@code inline Dockerfile})
   * @param line its line, or empty when the problem has no line
   */
  public BuildFailedException(String image, String dockerfile, OptionalInt line, String problem, String hint) {
    this(image, dockerfile, line, problem, hint, null);
  }

  public BuildFailedException(String image, String dockerfile, OptionalInt line, String problem, String hint,
      Throwable cause) {
    super("build image", image, dockerfile + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + problem
        + (hint == null || hint.isEmpty() ? "" : " (" + hint + ")"), cause);
    this.dockerfile = dockerfile;
    this.line = line;
    this.problem = problem;
    this.hint = hint == null ? "" : hint;
  }

  /** The Dockerfile's path, or {@code inline Dockerfile}. */
  public String dockerfile() {
    return dockerfile;
  }

  /** The Dockerfile line the problem is on, when known. */
  public OptionalInt line() {
    return line;
  }

  public String problem() {
    return problem;
  }

  public String hint() {
    return hint;
  }
}
