package dev.berth.cli.terminal;

import dev.berth.runtime.io.DetachKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Optional;

/**
 * The user's side of one interactive command: the user's terminal when the session gets a terminal and the
 * command's streams are this process's own standard streams on a terminal, else the command's streams as they are.
 * Close it to release the terminal.
 */
public final class SessionConsole implements AutoCloseable {
  private final Optional<UserTerminal> terminal;
  private final SessionPump pump;

  private SessionConsole(Optional<UserTerminal> terminal, SessionPump pump) {
    this.terminal = terminal;
    this.pump = pump;
  }

  /**
   * Whether the user types on a terminal: the streams are the process's standard streams (not a test's or a
   * front end's) and both are a terminal. Compose's default for allocating a terminal.
   */
  public static boolean userHasTerminal(InputStream in, OutputStream out) {
    return in == System.in && out == System.out && System.console() != null;
  }

  /**
   * Opens the console for a session with ({@code tty}) or without a terminal.
   *
   * @throws UncheckedIOException when the user's terminal cannot be opened
   */
  public static SessionConsole open(boolean tty, InputStream in, OutputStream out, Writer err, DetachKeys keys) {
    Optional<UserTerminal> terminal = Optional.empty();
    if (tty && userHasTerminal(in, out)) {
      try {
        terminal = UserTerminal.ofThisProcess();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
      }
    }
    SessionPump pump = terminal.isPresent() ? SessionPump.onTerminal(terminal.get(), err, keys)
        : new SessionPump(in, out, err, Optional.empty(), keys);
    return new SessionConsole(terminal, pump);
  }

  /** The size of the user's terminal, when the session runs on it and it has one. */
  public Optional<dev.berth.runtime.TerminalSize> terminalSize() {
    return terminal.flatMap(UserTerminal::size);
  }

  public SessionPump pump() {
    return pump;
  }

  @Override
  public void close() {
    terminal.ifPresent(t -> {
      try {
        t.close();
      } catch (IOException e) {
        // the terminal was restored already; nothing else to release
      }
    });
  }
}
