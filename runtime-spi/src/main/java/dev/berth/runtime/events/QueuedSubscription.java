package dev.berth.runtime.events;

import dev.berth.runtime.EventQuery;
import dev.berth.runtime.EventSubscription;
import dev.berth.runtime.RuntimeEvent;
import dev.berth.runtime.RuntimeOperationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One subscriber of an {@link EventHub}: a queue drained by a daemon thread into the consumer. */
final class QueuedSubscription implements EventSubscription {
  private static final long POLL_MILLIS = 100;

  private final EventQuery query;
  private final Consumer<RuntimeEvent> consumer;
  private final Clock clock;
  private final Consumer<QueuedSubscription> onEnd;
  private final LinkedBlockingQueue<RuntimeEvent> queue = new LinkedBlockingQueue<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;
  private volatile RuntimeOperationException failure;

  QueuedSubscription(EventQuery query, Consumer<RuntimeEvent> consumer, Clock clock,
      Consumer<QueuedSubscription> onEnd) {
    this.query = query;
    this.consumer = consumer;
    this.clock = clock;
    this.onEnd = onEnd;
    this.thread = new Thread(this::deliver, "berth-events");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void offer(RuntimeEvent event) {
    if (!closed && query.matches(event)) {
      queue.add(event);
    }
  }

  private void deliver() {
    try {
      while (!closed && !untilPassed()) {
        RuntimeEvent event = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (event != null && !closed) {
          consumer.accept(event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = new RuntimeOperationException("deliver events", "", "the event consumer failed: " + e, e);
    } finally {
      closed = true;
      onEnd.accept(this);
      ended.countDown();
    }
  }

  /** {@code until} has passed and everything up to it was delivered. */
  private boolean untilPassed() {
    return query.until().map(u -> clock.instant().isAfter(u) && queue.isEmpty()).orElse(false);
  }

  @Override
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<RuntimeOperationException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() {
    closed = true;
    if (Thread.currentThread() != thread) {
      thread.interrupt();
      try {
        ended.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
