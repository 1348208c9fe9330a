package dev.berth.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The standard streams of a process in a container, connected while the session lasts: from
 * {@link ContainerRuntime#attach} (the main process) or {@link ContainerRuntime#startExec} (an exec'd one).
 *
 * <p>Without a terminal, {@link #stdout()} and {@link #stderr()} carry the two streams apart; a reader must drain
 * both (e.g. on two threads), since a runtime may stop delivering one while the other is full. With a terminal the
 * process writes both to the terminal, so everything arrives on {@link #stdout()} as raw terminal output and
 * {@link #stderr()} is empty. The output streams end when the process has closed its output (normally when it
 * exits) or when the session is closed.
 */
public interface ProcessSession extends AutoCloseable {

  /** Whether the process runs on a terminal. */
  boolean tty();

  /**
   * The write end of the process's stdin when the session was opened with stdin; closing it gives the process end
   * of file (for an attached container: when it was created with {@link ContainerSpec#stdinOnce()}).
   */
  Optional<OutputStream> stdin();

  /** The process's output: its stdout, or with a terminal everything the terminal shows. */
  InputStream stdout();

  /** The process's stderr; empty with a terminal. */
  InputStream stderr();

  /**
   * Sets the size of the process's terminal (the process gets {@code SIGWINCH}); does nothing without a terminal.
   *
   * @throws InvalidStateException when the process is not running (yet or any more)
   */
  void resize(TerminalSize size);

  /**
   * Blocks until the process has exited and returns its exit code. Read the output first: a process that cannot
   * write its output may never exit.
   */
  int awaitExit() throws InterruptedException;

  /**
   * Ends the session: stops delivering output and releases the connection. The process keeps running (detaching);
   * its stdin is closed only if {@link #stdin()} was. Idempotent.
   */
  @Override
  void close();
}
