package dev.berth.docker;

import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.TerminalSize;
import dev.berth.runtime.io.BytePipe;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link ProcessSession} over a {@link HijackedConnection}: with a terminal the connection's output is the
 * session's stdout as it comes; without, a {@link StreamDemultiplexer} splits it into two pipes. Closing stdin
 * half-closes the connection; closing the session closes it (the engine keeps the process running).
 */
final class DockerProcessSession implements ProcessSession {
  /** Waits for the process to exit and returns its code. */
  @FunctionalInterface
  interface ExitWaiter {
    int await() throws InterruptedException;
  }

  private final HijackedConnection connection;
  private final boolean tty;
  private final Optional<OutputStream> stdin;
  private final InputStream stdout;
  private final InputStream stderr;
  private final Consumer<TerminalSize> resize;
  private final ExitWaiter exit;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DockerProcessSession(HijackedConnection connection, boolean tty, boolean withStdin,
      Consumer<TerminalSize> resize, ExitWaiter exit, String name) {
    this.connection = connection;
    this.tty = tty;
    this.resize = resize;
    this.exit = exit;
    this.stdin = withStdin ? Optional.of(new Stdin()) : Optional.empty();
    if (tty) {
      this.stdout = new EndsWhenClosed(connection.output());
      this.stderr = InputStream.nullInputStream();
    } else {
      BytePipe out = new BytePipe();
      BytePipe err = new BytePipe();
      StreamDemultiplexer.start(connection.output(), out.sink(), err.sink(), () -> {
        out.closeSink();
        err.closeSink();
      }, "berth-session-" + name);
      this.stdout = out.source();
      this.stderr = err.source();
    }
  }

  /**
   * A session over {@code connection}; {@code resize} sets the terminal size, {@code exit} waits for the exit code.
   * {@code name} names the output thread.
   */
  static DockerProcessSession over(HijackedConnection connection, boolean tty, boolean withStdin,
      Consumer<TerminalSize> resize, ExitWaiter exit, String name) {
    return new DockerProcessSession(connection, tty, withStdin, resize, exit, name);
  }

  @Override
  public boolean tty() {
    return tty;
  }

  @Override
  public Optional<OutputStream> stdin() {
    return stdin;
  }

  @Override
  public InputStream stdout() {
    return stdout;
  }

  @Override
  public InputStream stderr() {
    return stderr;
  }

  @Override
  public void resize(TerminalSize size) {
    Objects.requireNonNull(size, "size");
    if (tty) {
      resize.accept(size);
    }
  }

  @Override
  public int awaitExit() throws InterruptedException {
    return exit.await();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      connection.close();
    }
  }

  /** The process's stdin: writes go to the connection, closing half-closes it. */
  private final class Stdin extends OutputStream {
    private final AtomicBoolean ended = new AtomicBoolean();

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
      if (ended.compareAndSet(false, true) && !closed.get()) {
        connection.input().flush();
        connection.closeInput();
      }
    }
  }

  /** The raw terminal output; a read broken by closing the session is the end of the output, not an error. */
  private final class EndsWhenClosed extends FilterInputStream {
    EndsWhenClosed(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        if (closed.get()) {
          return -1;
        }
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        if (closed.get()) {
          return -1;
        }
        throw e;
      }
    }

    /** Does nothing: the output ends with the process or with {@link DockerProcessSession#close()}. */
    @Override
    public void close() {
    }
  }
}
