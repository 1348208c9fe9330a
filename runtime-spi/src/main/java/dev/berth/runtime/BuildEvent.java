package dev.berth.runtime;

import java.util.Objects;

/**
 * Progress of one build. {@code step}/{@code steps} number the Dockerfile steps as the runtime counts them (0 when
 * not known); {@code text} is the instruction for {@link Kind#STEP} and {@link Kind#CACHED}, an output line for
 * {@link Kind#OUTPUT}, a message for {@link Kind#WARNING}, and the image id for {@link Kind#IMAGE}.
 */
public record BuildEvent(Kind kind, int step, int steps, String text) {

  /** What happened. */
  public enum Kind {
    /** A step starts. */
    STEP,
    /** The step just started was served from the build cache. */
    CACHED,
    /** A line a step printed. */
    OUTPUT,
    /** Something the user should know but that does not fail the build. */
    WARNING,
    /** The image is committed and tagged; {@code text} is its id. */
    IMAGE
  }

  public BuildEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  public static BuildEvent step(int step, int steps, String instruction) {
    return new BuildEvent(Kind.STEP, step, steps, instruction);
  }

  public static BuildEvent cached(int step, int steps, String instruction) {
    return new BuildEvent(Kind.CACHED, step, steps, instruction);
  }

  public static BuildEvent output(String line) {
    return new BuildEvent(Kind.OUTPUT, 0, 0, line);
  }

  public static BuildEvent warning(String message) {
    return new BuildEvent(Kind.WARNING, 0, 0, message);
  }

  public static BuildEvent image(String id) {
    return new BuildEvent(Kind.IMAGE, 0, 0, id);
  }
}
