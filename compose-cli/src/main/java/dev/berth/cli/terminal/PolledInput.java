package dev.berth.cli.terminal;

import java.io.IOException;
import java.io.InputStream;

/**
 * A terminal's input read without ever blocking for long: it waits for bytes by asking how many are there, so that
 * the reader can stop when the session ends instead of staying blocked in a read that would swallow the next key.
 * What has arrived is read in one piece, so that an escape sequence (an arrow key, a terminal's answer) reaches the
 * process together. Only for terminals: on a pipe, end of input shows only to a blocking read.
 */
final class PolledInput {
  /** What {@link #read} returns when nothing arrived in time. */
  static final int NOTHING_YET = -2;
  private static final long POLL_MILLIS = 10;

  private final InputStream terminal;

  PolledInput(InputStream terminal) {
    this.terminal = terminal;
  }

  /** Reads what is there, waiting up to {@code timeoutMillis}; {@link #NOTHING_YET} when nothing came. */
  int read(byte[] buffer, long timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (true) {
      int available = terminal.available();
      if (available > 0) {
        return terminal.read(buffer, 0, Math.min(available, buffer.length));
      }
      if (System.nanoTime() >= deadline) {
        return NOTHING_YET;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return NOTHING_YET;
      }
    }
  }
}
