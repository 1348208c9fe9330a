package dev.berth.cli.terminal;

import dev.berth.runtime.TerminalSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Consumer;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The user's terminal when this process's stdin and stdout are one, through JLine: its input and output as bytes,
 * its size and size changes ({@code SIGWINCH}), and raw mode as Docker sets it ({@code cfmakeraw}: no echo, no line
 * editing, no signals from keys, no output processing), so that every key reaches the container's own terminal.
 */
public final class UserTerminal implements AutoCloseable {
  private final Terminal terminal;

  private UserTerminal(Terminal terminal) {
    this.terminal = terminal;
  }

  /**
   * The process's terminal, when both its stdin and stdout are one; empty otherwise (pipes, files, tests).
   *
   * @throws IOException when there is a terminal but it cannot be opened
   */
  public static Optional<UserTerminal> ofThisProcess() throws IOException {
    if (System.console() == null) {
      return Optional.empty();
    }
    // the exec provider (stty) changes only the flags it is asked to: the native ones write the whole termios from
    // JLine's attributes, which carry no line speed, and so leave the terminal at speed 0 when they restore it
    Terminal t = TerminalBuilder.builder().system(true).provider("exec").name("berth-session").nativeSignals(true)
        .signalHandler(Terminal.SignalHandler.SIG_DFL).build();
    if (Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType())) {
      t.close();
      return Optional.empty();
    }
    return Optional.of(new UserTerminal(t));
  }

  /**
   * The keys the user types: this process's stdin, read directly (not through JLine's reader thread, which hands
   * bytes over one at a time and would split escape sequences).
   */
  public InputStream input() {
    return System.in;
  }

  public OutputStream output() {
    return terminal.output();
  }

  /** The current size; empty when the terminal does not say. */
  public Optional<TerminalSize> size() {
    Size s = terminal.getSize();
    return s.getColumns() > 0 && s.getRows() > 0 ? Optional.of(new TerminalSize(s.getColumns(), s.getRows()))
        : Optional.empty();
  }

  /** Calls {@code listener} with the new size whenever the window changes, until the returned handle is closed. */
  public AutoCloseable onResize(Consumer<TerminalSize> listener) {
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.WINCH, signal -> size().ifPresent(listener));
    return () -> terminal.handle(Terminal.Signal.WINCH, previous);
  }

  /**
   * Puts the terminal in raw mode until the returned handle is closed, which restores what was there before; so does
   * the JVM's shutdown when berth is ended by a signal meanwhile.
   */
  public RawMode enterRawMode() {
    Attributes original = terminal.getAttributes();
    Attributes raw = new Attributes(original);
    raw.setInputFlags(EnumSet.of(Attributes.InputFlag.IGNBRK, Attributes.InputFlag.BRKINT,
        Attributes.InputFlag.PARMRK, Attributes.InputFlag.ISTRIP, Attributes.InputFlag.INLCR,
        Attributes.InputFlag.IGNCR, Attributes.InputFlag.ICRNL, Attributes.InputFlag.IXON), false);
    raw.setOutputFlag(Attributes.OutputFlag.OPOST, false);
    raw.setLocalFlags(EnumSet.of(Attributes.LocalFlag.ECHO, Attributes.LocalFlag.ECHONL,
        Attributes.LocalFlag.ICANON, Attributes.LocalFlag.ISIG, Attributes.LocalFlag.IEXTEN), false);
    raw.setControlChar(Attributes.ControlChar.VMIN, 1);
    raw.setControlChar(Attributes.ControlChar.VTIME, 0);
    terminal.setAttributes(raw);
    return new RawMode(() -> terminal.setAttributes(original));
  }

  /** Raw mode in force; closing restores the terminal (once), and so does a shutdown of the JVM before that. */
  public static final class RawMode implements AutoCloseable {
    private Runnable restore;
    private final Thread atShutdown;

    private RawMode(Runnable restore) {
      this.restore = restore;
      this.atShutdown = new Thread(this::restore, "berth-terminal-restore");
      Runtime.getRuntime().addShutdownHook(atShutdown);
    }

    private synchronized void restore() {
      if (restore != null) {
        restore.run();
        restore = null;
      }
    }

    @Override
    public void close() {
      restore();
      try {
        Runtime.getRuntime().removeShutdownHook(atShutdown);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran) anyway and finds nothing left to restore
      }
    }
  }

  @Override
  public void close() throws IOException {
    terminal.close();
  }
}
