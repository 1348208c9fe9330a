package dev.berth.runtime;

import java.time.Duration;

/**
 * A running delivery of {@link RuntimeEvent}s to a consumer, on a thread of the runtime's. It ends when closed, when
 * the query's {@code until} has passed, or when the runtime can no longer deliver (then {@link #failure()} says why).
 */
public interface EventSubscription extends AutoCloseable {

  /**
   * Waits until the subscription has ended, at most {@code timeout}.
   *
   * @return whether it has ended
   */
  boolean awaitEnd(Duration timeout) throws InterruptedException;

  /** Why delivery stopped, when it stopped because of a failure rather than close or {@code until}. */
  java.util.Optional<RuntimeOperationException> failure();

  /** Stops delivery; no event reaches the consumer after this returns. Idempotent. */
  @Override
  void close();
}
