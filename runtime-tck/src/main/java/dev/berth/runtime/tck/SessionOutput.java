package dev.berth.runtime.tck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * One output stream of a {@link dev.berth.runtime.ProcessSession}, read on a thread of its own as it arrives, so
 * that a test can wait for text to appear or for the stream to end.
 */
public final class SessionOutput {
  private final StringBuilder text = new StringBuilder();
  private final Thread reader;
  private IOException failure;

  private SessionOutput(InputStream stream, String name) {
    reader = new Thread(() -> {
      byte[] buffer = new byte[4096];
      try (stream) {
        int n;
        while ((n = stream.read(buffer)) >= 0) {
          synchronized (text) {
            text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            text.notifyAll();
          }
        }
      } catch (IOException e) {
        synchronized (text) {
          failure = e;
        }
      } finally {
        synchronized (text) {
          text.notifyAll();
        }
      }
    }, "session-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts reading {@code stream}; {@code name} (stdout, stderr) appears in failure messages. */
  public static SessionOutput read(InputStream stream, String name) {
    return new SessionOutput(stream, name);
  }

  /** What arrived so far (bytes as ISO-8859-1, so that terminal output is kept byte for byte). */
  public String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  /** Waits until what arrived satisfies {@code condition}; fails naming {@code what} and showing the text. */
  public String await(Predicate<String> condition, Duration timeout, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    synchronized (text) {
      while (!condition.test(text.toString())) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0 || (!reader.isAlive() && !condition.test(text.toString()))) {
          throw new AssertionError("the output never showed " + what + (reader.isAlive() ? "" : " (it ended"
              + (failure == null ? "" : " with " + failure) + ")") + "; it was:\n" + text);
        }
        text.wait(Math.min(left, 100));
      }
      return text.toString();
    }
  }

  /** Waits until the stream has ended and returns everything it carried. */
  public String awaitEnd(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
    if (reader.isAlive()) {
      throw new AssertionError("the output did not end within " + timeout + "; so far it was:\n" + text());
    }
    return text();
  }
}
