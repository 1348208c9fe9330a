package dev.berth.engine.compose;

import dev.berth.runtime.TerminalSize;
import java.util.Objects;
import java.util.Optional;

/**
 * How an attached {@code run} connects to its container, as {@code docker compose run -i/-t} does: the container is
 * attached to before it starts (so no output is missed), with stdin when {@code stdin}; a runtime that cannot
 * forward stdin fails the run only when {@code stdinRequired} (the user asked for {@code -i}), otherwise the run goes
 * on without it. {@code detachKeys} are passed to the runtime (Docker's notation); {@code driver} runs the session.
 * {@code terminalSize} is the size of the user's terminal: a one-off with a terminal starts with it, so that a
 * program reading its size at once gets the right one.
 */
public record RunAttachment(boolean stdin, boolean stdinRequired, Optional<String> detachKeys, SessionDriver driver,
    Optional<TerminalSize> terminalSize) {
  public RunAttachment {
    Objects.requireNonNull(detachKeys, "detachKeys");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(terminalSize, "terminalSize");
    if (stdinRequired && !stdin) {
      throw new IllegalArgumentException("stdin cannot be required when it is not attached");
    }
  }

  /** Without a user's terminal to size the container's from. */
  public RunAttachment(boolean stdin, boolean stdinRequired, Optional<String> detachKeys, SessionDriver driver) {
    this(stdin, stdinRequired, detachKeys, driver, Optional.empty());
  }
}
