package dev.berth.runtime.fake;

import dev.berth.runtime.LogEntry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;

/** Reads a fake container's log; when following, waits for new lines until the container stops or close(). */
final class FakeLogStream implements dev.berth.runtime.LogStream {
  private final FakeRuntime runtime;
  private final FakeContainer container;
  private final Deque<LogEntry> pending;
  private final boolean follow;
  private int nextIndex;
  private volatile boolean closed;

  FakeLogStream(FakeRuntime runtime, FakeContainer container, List<LogEntry> initial, int nextIndex,
      boolean follow) {
    this.runtime = runtime;
    this.container = container;
    this.pending = new ArrayDeque<>(initial);
    this.nextIndex = nextIndex;
    this.follow = follow;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (!pending.isEmpty()) {
      return true;
    }
    if (!follow) {
      return false;
    }
    Object lock = runtime.lock();
    synchronized (lock) {
      while (!closed) {
        if (nextIndex < container.logs.size()) {
          pending.addAll(container.logs.subList(nextIndex, container.logs.size()));
          nextIndex = container.logs.size();
          return true;
        }
        container.refresh(runtime.now());
        if (runtime.isGone(container) || !container.status.isActive()) {
          return false;
        }
        try {
          lock.wait(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }
  }

  @Override
  public LogEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.removeFirst();
  }

  @Override
  public void close() {
    closed = true;
  }
}
