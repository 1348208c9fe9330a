package dev.berth.docker;

import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.TerminalSize;
import dev.berth.runtime.io.BytePipe;
import dev.berth.runtime.io.CallbackProcessSession;
import dev.berth.runtime.io.CallbackProcessSession.ExitWaiter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Makes a {@link ProcessSession} over a {@link HijackedConnection}: with a terminal the connection's output is the
 * session's stdout as it comes; without, a {@link StreamDemultiplexer} splits it into two pipes. Closing stdin
 * half-closes the connection; closing the session closes it (the engine keeps the process running).
 */
final class HijackedSession {
  private HijackedSession() {
  }

  /**
   * A session over {@code connection}; {@code resize} sets the terminal size, {@code exit} waits for the exit code.
   * {@code name} names the output thread.
   */
  static ProcessSession over(HijackedConnection connection, boolean tty, boolean withStdin,
      Consumer<TerminalSize> resize, ExitWaiter exit, String name) {
    AtomicBoolean closed = new AtomicBoolean();
    Optional<OutputStream> stdin = withStdin ? Optional.of(new Stdin(connection, closed)) : Optional.empty();
    Runnable detach = () -> {
      closed.set(true);
      connection.close();
    };
    if (tty) {
      return new CallbackProcessSession(true, stdin, new EndsWhenClosed(connection.output(), closed),
          InputStream.nullInputStream(), resize, exit, detach);
    }
    BytePipe out = new BytePipe();
    BytePipe err = new BytePipe();
    StreamDemultiplexer.start(connection.output(), out.sink(), err.sink(), () -> {
      out.closeSink();
      err.closeSink();
    }, "berth-session-" + name);
    return new CallbackProcessSession(false, stdin, out.source(), err.source(), resize, exit, detach);
  }

  /** The process's stdin: writes go to the connection, closing half-closes it. */
  private static final class Stdin extends OutputStream {
    private final HijackedConnection connection;
    private final AtomicBoolean sessionClosed;
    private final AtomicBoolean ended = new AtomicBoolean();

    Stdin(HijackedConnection connection, AtomicBoolean sessionClosed) {
      this.connection = connection;
      this.sessionClosed = sessionClosed;
    }

    @Override
    public void write(int b) throws IOException {
      connection.input().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      connection.input().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      connection.input().flush();
    }

    @Override
    public void close() throws IOException {
      if (ended.compareAndSet(false, true) && !sessionClosed.get()) {
        connection.input().flush();
        connection.closeInput();
      }
    }
  }

  /** The raw terminal output; a read broken by closing the session is the end of the output, not an error. */
  private static final class EndsWhenClosed extends FilterInputStream {
    private final AtomicBoolean sessionClosed;

    EndsWhenClosed(InputStream in, AtomicBoolean sessionClosed) {
      super(in);
      this.sessionClosed = sessionClosed;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        return endIfClosed(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        return endIfClosed(e);
      }
    }

    private int endIfClosed(IOException e) throws IOException {
      if (sessionClosed.get()) {
        return -1;
      }
      throw e;
    }

    /** Does nothing: the output ends with the process or with the session's close. */
    @Override
    public void close() {
    }
  }
}
