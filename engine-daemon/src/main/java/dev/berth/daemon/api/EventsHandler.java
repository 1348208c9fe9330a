package dev.berth.daemon.api;

import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.EventLog;
import dev.berth.daemon.backing.EventView;
import dev.berth.daemon.backing.Filters;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.LogRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /events}: kept events from {@code since} (without it, only new ones), then live events until
 * {@code until} passes or the client goes away, one JSON object per line. Kept events are sent even when
 * {@code until} has passed already.
 */
final class EventsHandler {
    private static final long POLL_MILLIS = 200;

    private final EngineBacking backing;

    EventsHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("GET", "/events", this::events);
    }

    private void events(ApiCall call) throws IOException {
        Instant now = Instant.now();
        Instant since = LogRequest.time(call.param("since"), "since").orElse(now);
        Optional<Instant> until = LogRequest.time(call.param("until"), "until");
        Filters filters = Filters.parse(call.param("filters"));
        try (EventLog.Subscription feed = backing.events().subscribe();
             OutputStream out = call.exchange().stream(200, "application/json")) {
            while (true) {
                EventLog.Event e;
                try {
                    e = feed.queue().poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (e == null) {
                    if (until.isPresent() && !Instant.now().isBefore(until.get())) {
                        return;
                    }
                    continue;
                }
                if (until.isPresent() && e.time().isAfter(until.get())) {
                    return;
                }
                if (!e.time().isBefore(since) && EventView.matches(e, filters)) {
                    out.write(Json.MAPPER.writeValueAsBytes(EventView.of(e)));
                    out.write('\n');
                }
            }
        }
    }
}
