package dev.berth.engine.compose;

import java.util.Objects;
import java.util.Optional;

/**
 * How an attached {@code run} connects to its container, as {@code docker compose run -i/-t} does: the container is
 * attached to before it starts (so no output is missed), with stdin when {@code stdin}; a runtime that cannot
 * forward stdin fails the run only when {@code stdinRequired} (the user asked for {@code -i}), otherwise the run goes
 * on without it. {@code detachKeys} are passed to the runtime (Docker's notation); {@code driver} runs the session.
 */
public record RunAttachment(boolean stdin, boolean stdinRequired, Optional<String> detachKeys, SessionDriver driver) {
  public RunAttachment {
    Objects.requireNonNull(detachKeys, "detachKeys");
    Objects.requireNonNull(driver, "driver");
    if (stdinRequired && !stdin) {
      throw new IllegalArgumentException("stdin cannot be required when it is not attached");
    }
  }
}
