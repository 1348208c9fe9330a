package dev.berth.runtime;

import java.util.Objects;

/** What the runtime does when the container's main process exits. */
public record RestartPolicy(Mode mode, int maxRetries) {
  public static final RestartPolicy NO = new RestartPolicy(Mode.NO, 0);

  public enum Mode { NO, ALWAYS, ON_FAILURE, UNLESS_STOPPED }

  public RestartPolicy {
    Objects.requireNonNull(mode, "mode");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
  }
}
