package dev.berth.runtime.io;

import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.TerminalSize;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link ProcessSession} made of given streams and of what resizing, waiting and detaching do: for runtimes whose
 * sessions are pipes fed by threads of their own. Resizing without a terminal does nothing; detaching runs once.
 */
public final class CallbackProcessSession implements ProcessSession {
  /** Waits for the process to exit and returns its code. */
  @FunctionalInterface
  public interface ExitWaiter {
    int await() throws InterruptedException;
  }

  private final boolean tty;
  private final Optional<OutputStream> stdin;
  private final InputStream stdout;
  private final InputStream stderr;
  private final Consumer<TerminalSize> resize;
  private final ExitWaiter exit;
  private final Runnable detach;
  private final AtomicBoolean closed = new AtomicBoolean();

  public CallbackProcessSession(boolean tty, Optional<OutputStream> stdin, InputStream stdout, InputStream stderr,
      Consumer<TerminalSize> resize, ExitWaiter exit, Runnable detach) {
    this.tty = tty;
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.stdout = Objects.requireNonNull(stdout, "stdout");
    this.stderr = Objects.requireNonNull(stderr, "stderr");
    this.resize = resize;
    this.exit = exit;
    this.detach = detach;
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
      detach.run();
    }
  }
}
