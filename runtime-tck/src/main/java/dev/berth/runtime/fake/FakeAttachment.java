package dev.berth.runtime.fake;

import dev.berth.runtime.LogEntry;
import dev.berth.runtime.io.BytePipe;
import java.io.IOException;
import java.io.InputStream;

/**
 * The output end of one client attached to a fake container: what the main process writes from now on, on two
 * pipes (one with a terminal). Ended when the container stops, is removed, or the client detaches.
 */
final class FakeAttachment {
  /** Large enough that scripted output, written under the runtime's lock, never waits for a slow reader. */
  private static final int CAPACITY = 1 << 20;

  private final boolean tty;
  private final BytePipe stdout = new BytePipe(CAPACITY);
  private final BytePipe stderr;
  private volatile boolean ended;

  FakeAttachment(boolean tty) {
    this.tty = tty;
    this.stderr = tty ? null : new BytePipe(CAPACITY);
  }

  InputStream stdout() {
    return stdout.source();
  }

  InputStream stderr() {
    return tty ? InputStream.nullInputStream() : stderr.source();
  }

  /** Delivers bytes the main process wrote on {@code stream}; a detached client no longer receives them. */
  void write(LogEntry.Stream stream, byte[] bytes) {
    BytePipe to = tty || stream == LogEntry.Stream.STDOUT ? stdout : stderr;
    try {
      to.sink().write(bytes);
    } catch (IOException detached) {
      // the client closed its end
    }
  }

  boolean ended() {
    return ended;
  }

  /** The output ends: readers see end of file once they have read what came before. */
  void end() {
    ended = true;
    stdout.closeSink();
    if (stderr != null) {
      stderr.closeSink();
    }
  }

  /** The client detaches: it reads nothing more. */
  void detach() {
    end();
    stdout.closeSource();
    if (stderr != null) {
      stderr.closeSource();
    }
  }
}
