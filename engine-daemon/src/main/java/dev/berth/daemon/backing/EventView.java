package dev.berth.daemon.backing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An event as {@code GET /events} streams it, with the legacy {@code status}/{@code id}/{@code from} of containers. */
public final class EventView {
    private EventView() {
    }

    public static ObjectNode of(EventLog.Event e) {
        ObjectNode out = Json.object();
        if (e.type().equals("container")) {
            out.put("status", e.action());
            out.put("id", e.actorId());
            out.put("from", e.attributes().getOrDefault("image", ""));
        }
        out.put("Type", e.type());
        out.put("Action", e.action());
        ObjectNode actor = out.putObject("Actor");
        actor.put("ID", e.actorId());
        actor.set("Attributes", Json.map(e.attributes()));
        out.put("scope", "local");
        out.put("time", e.time().getEpochSecond());
        out.put("timeNano", e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano());
        return out;
    }

    /** Whether the event passes Docker's event filters (type, event, container, image, network, volume, label). */
    public static boolean matches(EventLog.Event e, Filters filters) {
        String name = e.attributes().getOrDefault("name", "");
        return filters.anyOrNone("type", e.type()::equals)
                && filters.anyOrNone("event", e.action()::equals)
                && filters.anyOrNone("container", c -> e.type().equals("container")
                        && (e.actorId().startsWith(c) || name.equals(c)))
                && filters.anyOrNone("image", i -> i.equals(e.attributes().get("image")) || i.equals(name)
                        && e.type().equals("image"))
                && filters.anyOrNone("network", n -> e.type().equals("network")
                        && (e.actorId().startsWith(n) || name.equals(n)))
                && filters.anyOrNone("volume", v -> e.type().equals("volume") && e.actorId().equals(v))
                && filters.anyOrNone("label", l -> {
                    int eq = l.indexOf('=');
                    return eq < 0 ? e.attributes().containsKey(l)
                            : l.substring(eq + 1).equals(e.attributes().get(l.substring(0, eq)));
                });
    }
}
