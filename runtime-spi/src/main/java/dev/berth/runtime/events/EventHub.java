package dev.berth.runtime.events;

import dev.berth.runtime.EventQuery;
import dev.berth.runtime.EventSubscription;
import dev.berth.runtime.RuntimeEvent;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fan-out of {@link RuntimeEvent}s for runtimes that produce their own events (the fake, the embedded engine): keeps
 * the last {@code historyLimit} events so that a query's {@code since} can be replayed, and feeds each subscription
 * through its own queue and thread, so that a slow consumer never blocks the runtime that publishes.
 */
public final class EventHub implements AutoCloseable {
  private final Clock clock;
  private final int historyLimit;
  private final Deque<RuntimeEvent> history = new ArrayDeque<>();
  private final List<QueuedSubscription> subscriptions = new CopyOnWriteArrayList<>();

  public EventHub(Clock clock, int historyLimit) {
    if (historyLimit < 0) {
      throw new IllegalArgumentException("history limit " + historyLimit + " is negative");
    }
    this.clock = clock;
    this.historyLimit = historyLimit;
  }

  /** Records {@code event} and hands it to every subscription whose query matches; callers publish in order. */
  public void publish(RuntimeEvent event) {
    synchronized (history) {
      history.addLast(event);
      while (history.size() > historyLimit) {
        history.removeFirst();
      }
      for (QueuedSubscription s : subscriptions) {
        s.offer(event);
      }
    }
  }

  /** Replays remembered events from the query's {@code since}, then delivers new ones. */
  public EventSubscription subscribe(EventQuery query, Consumer<RuntimeEvent> consumer) {
    QueuedSubscription subscription = new QueuedSubscription(query, consumer, clock, subscriptions::remove);
    synchronized (history) {
      if (query.since().isPresent()) {
        history.forEach(subscription::offer);
      }
      subscriptions.add(subscription);
    }
    subscription.start();
    return subscription;
  }

  /** Ends every subscription. */
  @Override
  public void close() {
    subscriptions.forEach(QueuedSubscription::close);
  }
}
