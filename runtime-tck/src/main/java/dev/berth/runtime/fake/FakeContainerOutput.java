package dev.berth.runtime.fake;

import dev.berth.runtime.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * One output stream of a fake container's main process when it is a {@link FakeProcess}: complete lines go to the
 * container's log (a trailing CR dropped), and every byte as written to the clients attached at that moment.
 */
final class FakeContainerOutput extends OutputStream {
  private final Object lock;
  private final FakeContainer container;
  private final LogEntry.Stream stream;
  private final Supplier<Instant> clock;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  FakeContainerOutput(Object lock, FakeContainer container, LogEntry.Stream stream, Supplier<Instant> clock) {
    this.lock = lock;
    this.container = container;
    this.stream = stream;
    this.clock = clock;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    byte[] bytes = java.util.Arrays.copyOfRange(b, off, off + len);
    List<FakeAttachment> clients;
    synchronized (lock) {
      for (byte x : bytes) {
        if (x == '\n') {
          String line = partial.toString(StandardCharsets.UTF_8);
          container.logs.add(new LogEntry(clock.get(), stream, line.endsWith("\r")
              ? line.substring(0, line.length() - 1) : line));
          partial.reset();
        } else {
          partial.write(x);
        }
      }
      clients = List.copyOf(container.attached);
      lock.notifyAll();
    }
    for (FakeAttachment client : clients) {
      client.write(stream, bytes);
    }
  }
}
