package dev.berth.daemon.backing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What happened through the daemon (container, network, volume and image events, as {@code docker events} shows
 * them): the last {@value #KEPT} events for {@code since} queries, and live delivery to subscribers. Events live in
 * the daemon's memory only.
 */
public final class EventLog {
    static final int KEPT = 1024;

    /** One event: {@code type} (container, network, volume, image), {@code action} (create, start, die...). */
    public record Event(String type, String action, String actorId, Map<String, String> attributes, Instant time) {
        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(actorId, "actorId");
            attributes = Map.copyOf(attributes);
            Objects.requireNonNull(time, "time");
        }
    }

    private final Deque<Event> recent = new ArrayDeque<>();
    private final Set<BlockingQueue<Event>> subscribers = ConcurrentHashMap.newKeySet();

    public void publish(String type, String action, String actorId, Map<String, String> attributes) {
        Event e = new Event(type, action, actorId, attributes, Instant.now());
        synchronized (recent) {
            recent.addLast(e);
            if (recent.size() > KEPT) {
                recent.removeFirst();
            }
            subscribers.forEach(q -> q.add(e));
        }
    }

    /** A live feed that first holds the kept events; {@link Subscription#close} ends delivery. */
    public Subscription subscribe() {
        LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        synchronized (recent) {
            queue.addAll(recent);
            subscribers.add(queue);
        }
        return new Subscription(queue, () -> subscribers.remove(queue));
    }

    /** The kept events, oldest first. */
    public List<Event> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** Events delivered to one reader. */
    public record Subscription(BlockingQueue<Event> queue, Runnable unsubscribe) implements AutoCloseable {
        @Override
        public void close() {
            unsubscribe.run();
        }
    }
}
