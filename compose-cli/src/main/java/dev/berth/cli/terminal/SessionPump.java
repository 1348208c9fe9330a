package dev.berth.cli.terminal;

import dev.berth.engine.compose.SessionDriver;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.io.DetachKeyFilter;
import dev.berth.runtime.io.DetachKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connects the user to a {@link ProcessSession} until the process's output ends or the user detaches. The user's
 * input goes to the process's stdin (its end closes that stdin); the process's stdout goes to the user's byte
 * output as it comes, its stderr to the user's error writer. When the session has a terminal and the user has one
 * too, the user's terminal is in raw mode meanwhile (restored whatever happens), its size is sent at the start and
 * on every change, and the detach keys, typed, end the session without ending the process.
 */
public final class SessionPump implements SessionDriver {
  private static final long INPUT_POLL_MILLIS = 100;

  private final InputStream in;
  private final OutputStream out;
  private final Writer err;
  private final Optional<UserTerminal> terminal;
  private final DetachKeys detachKeys;
  /** The user's terminal input, read without blocking; null for other input (pipes, files), read as it comes. */
  private final PolledInput polled;

  /**
   * @param in the user's input (the terminal's when {@code terminal} is present)
   * @param out where the process's stdout goes
   * @param err where the process's stderr goes, as text
   * @param terminal the user's terminal, when the user has one
   * @param detachKeys the keys that detach, on a terminal
   */
  public SessionPump(InputStream in, OutputStream out, Writer err, Optional<UserTerminal> terminal,
      DetachKeys detachKeys) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.terminal = Objects.requireNonNull(terminal, "terminal");
    this.detachKeys = Objects.requireNonNull(detachKeys, "detachKeys");
    this.polled = terminal.isPresent() ? new PolledInput(in) : null;
  }

  /** On the user's terminal: its input and output. */
  public static SessionPump onTerminal(UserTerminal terminal, Writer err, DetachKeys detachKeys) {
    return new SessionPump(terminal.input(), terminal.output(), err, Optional.of(terminal), detachKeys);
  }

  @Override
  public End drive(ProcessSession session) throws InterruptedException {
    boolean raw = session.tty() && terminal.isPresent();
    CountDownLatch ended = new CountDownLatch(1);
    AtomicBoolean detached = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    UserTerminal.RawMode rawMode = raw ? terminal.get().enterRawMode() : null;
    AutoCloseable resizing = raw ? terminal.get().onResize(size -> resize(session, size)) : () -> { };
    try {
      if (raw) {
        terminal.get().size().ifPresent(size -> resize(session, size));
      }
      Thread stdout = daemon("berth-session-stdout", () -> copy(session.stdout(), out));
      Thread stderr = daemon("berth-session-stderr", () -> copyText(session.stderr(), err));
      daemon("berth-session-end", () -> {
        join(stdout);
        join(stderr);
        ended.countDown();
      });
      session.stdin().ifPresent(stdin -> daemon("berth-session-stdin", () -> {
        if (forwardInput(stdin, raw ? new DetachKeyFilter(detachKeys) : null, finished)) {
          detached.set(true);
          ended.countDown();
        }
      }));
      ended.await();
      finished.set(true);
      if (detached.get()) {
        return End.DETACHED;
      }
      return End.EXITED;
    } finally {
      finished.set(true);
      closeQuietly(resizing);
      if (rawMode != null) {
        rawMode.close();
      }
    }
  }

  /**
   * Copies the user's input to the process until it ends (then closes the process's stdin), the session finishes,
   * or the detach keys are typed (then returns true).
   */
  private boolean forwardInput(OutputStream stdin, DetachKeyFilter filter, AtomicBoolean finished) {
    byte[] buffer = new byte[4096];
    try {
      while (!finished.get()) {
        int n = read(buffer);
        if (n == PolledInput.NOTHING_YET) {
          continue;
        }
        if (n < 0) {
          stdin.close();
          return false;
        }
        DetachKeyFilter.Passed passed = filter == null ? new DetachKeyFilter.Passed(
            java.util.Arrays.copyOf(buffer, n), false) : filter.accept(buffer, n);
        stdin.write(passed.forward());
        stdin.flush();
        if (passed.detach()) {
          return true;
        }
      }
    } catch (IOException e) {
      // the process ended or the session closed: nothing more to send
    }
    return false;
  }

  /** Reads what is there; on a terminal waits at most a moment, so that the loop notices the end. */
  private int read(byte[] buffer) throws IOException {
    if (polled != null) {
      return polled.read(buffer, INPUT_POLL_MILLIS);
    }
    return in.read(buffer);
  }

  private static void resize(ProcessSession session, dev.berth.runtime.TerminalSize size) {
    try {
      session.resize(size);
    } catch (InvalidStateException e) {
      // not running (yet or any more): the next change will tell it
    } catch (RuntimeOperationException e) {
      // a size the engine could not set leaves the old one
    }
  }

  private static void copy(InputStream from, OutputStream to) {
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = from.read(buffer)) >= 0) {
        to.write(buffer, 0, n);
        to.flush();
      }
    } catch (IOException e) {
      // the session closed or the user's output went away
    }
  }

  private static void copyText(InputStream from, Writer to) {
    char[] buffer = new char[4096];
    try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
      int n;
      while ((n = reader.read(buffer)) >= 0) {
        to.write(buffer, 0, n);
        to.flush();
      }
    } catch (IOException e) {
      // the session closed or the user's output went away
    }
  }

  private static Thread daemon(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // restoring a handler cannot fail in a way we could act on
    }
  }
}
