package dev.berth.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which events a subscription receives: those whose attributes match {@code selector} (labels are attributes), from
 * {@code since} (events already past are replayed, as far as the runtime remembers them; empty: from now on) until
 * {@code until} (the subscription ends once that time has passed; empty: until closed).
 */
public record EventQuery(LabelSelector selector, Optional<Instant> since, Optional<Instant> until) {
  public EventQuery {
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
      throw new IllegalArgumentException("events until " + until.get() + " is before since " + since.get());
    }
  }

  /** Live events matching {@code selector}, until the subscription is closed. */
  public static EventQuery live(LabelSelector selector) {
    return new EventQuery(selector, Optional.empty(), Optional.empty());
  }

  public boolean matches(RuntimeEvent event) {
    return selector.matches(event.attributes())
        && since.map(s -> !event.time().isBefore(s)).orElse(true)
        && until.map(u -> !event.time().isAfter(u)).orElse(true);
  }
}
