package dev.berth.engine.compose;

import dev.berth.runtime.ProcessSession;

/**
 * Connects a user to an interactive session (the CLI's terminal to {@code run -it}): it pumps the streams until the
 * process's output ends or the user detaches, and says which. The engine opens the session and closes it afterwards.
 */
@FunctionalInterface
public interface SessionDriver {
  /** How a driven session ended. */
  enum End {
    /** The process's output ended: it exited (the engine then asks for its exit code). */
    EXITED,
    /** The user detached (e.g. with the detach keys): the process keeps running. */
    DETACHED
  }

  End drive(ProcessSession session) throws InterruptedException;
}
