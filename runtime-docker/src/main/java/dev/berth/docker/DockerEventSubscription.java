package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.berth.runtime.EventQuery;
import dev.berth.runtime.EventSubscription;
import dev.berth.runtime.RuntimeEvent;
import dev.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code GET /events} through docker-java: container, network and volume events filtered by label on the engine,
 * translated into {@link RuntimeEvent}s. {@link #open} returns once the engine has answered, so no event that happens
 * after it returns is missed.
 */
final class DockerEventSubscription extends ResultCallback.Adapter<Event> implements EventSubscription {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<RuntimeEvent> consumer;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile RuntimeOperationException failure;

  private DockerEventSubscription(Consumer<RuntimeEvent> consumer) {
    this.consumer = consumer;
  }

  static DockerEventSubscription open(DockerClient client, EventQuery query, Consumer<RuntimeEvent> consumer) {
    List<String> labels = new ArrayList<>();
    query.selector().equal().forEach((k, v) -> labels.add(k + "=" + v));
    labels.addAll(query.selector().present());
    EventsCmd cmd = client.eventsCmd()
        .withEventTypeFilter(EventType.CONTAINER, EventType.NETWORK, EventType.VOLUME);
    if (!labels.isEmpty()) {
      cmd = cmd.withLabelFilter(labels.toArray(String[]::new));
    }
    cmd = query.since().map(DockerEventSubscription::timestamp).map(cmd::withSince).orElse(cmd);
    cmd = query.until().map(DockerEventSubscription::timestamp).map(cmd::withUntil).orElse(cmd);
    DockerEventSubscription subscription = cmd.exec(new DockerEventSubscription(consumer));
    try {
      if (!subscription.started.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        subscription.close();
        throw new RuntimeOperationException("subscribe to events", "", "the Docker Engine did not answer within "
            + CONNECT_TIMEOUT.toSeconds() + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      subscription.close();
      throw new RuntimeOperationException("subscribe to events", "", "interrupted", e);
    }
    subscription.failure().ifPresent(f -> {
      throw f;
    });
    return subscription;
  }

  /** Unix seconds with nanoseconds, as the Engine API reads {@code since} and {@code until}. */
  static String timestamp(Instant instant) {
    return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
  }

  @Override
  public void onStart(java.io.Closeable stream) {
    super.onStart(stream);
    started.countDown();
  }

  @Override
  public void onNext(Event event) {
    if (!closed) {
      translate(event).ifPresent(consumer);
    }
  }

  static Optional<RuntimeEvent> translate(Event event) {
    if (event.getType() == null || event.getAction() == null) {
      return Optional.empty();
    }
    RuntimeEvent.Type type = switch (event.getType()) {
      case CONTAINER -> RuntimeEvent.Type.CONTAINER;
      case NETWORK -> RuntimeEvent.Type.NETWORK;
      case VOLUME -> RuntimeEvent.Type.VOLUME;
      default -> null;
    };
    if (type == null) {
      return Optional.empty();
    }
    Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
        ? Map.of() : event.getActor().getAttributes();
    String id = event.getActor() != null && event.getActor().getId() != null ? event.getActor().getId()
        : String.valueOf(event.getId());
    Instant time = event.getTimeNano() != null
        ? Instant.ofEpochSecond(0, event.getTimeNano())
        : Instant.ofEpochSecond(event.getTime() == null ? 0 : event.getTime());
    return Optional.of(new RuntimeEvent(type, event.getAction(), id, attributes.getOrDefault("name", ""),
        attributes, time));
  }

  @Override
  public void onError(Throwable throwable) {
    if (!closed) {
      failure = DockerErrors.translate("receive events", "",
          throwable instanceof RuntimeException r ? r : new RuntimeException(throwable), DockerErrors.ConflictMeaning.STATE);
    }
    started.countDown();
    ended.countDown();
    super.onError(throwable);
  }

  @Override
  public void onComplete() {
    started.countDown();
    ended.countDown();
    super.onComplete();
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
    try {
      super.close();
    } catch (IOException e) {
      // the stream is gone either way
    }
    started.countDown();
    ended.countDown();
  }
}
