package dev.berth.runtime;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something that happened to a container, network or volume, in Docker's event terms: {@code type} and
 * {@code action} (e.g. container {@code die}, {@code health_status: healthy}, network {@code create}), the object's
 * id and name, its attributes (its labels plus facts of the event such as {@code image}, {@code exitCode},
 * {@code signal}, {@code oldName}) and when it happened.
 */
public record RuntimeEvent(Type type, String action, String id, String name, Map<String, String> attributes,
    Instant time) {

  /** What kind of object the event concerns. */
  public enum Type {
    CONTAINER, NETWORK, VOLUME;

    /** Lower case, as Docker names event types. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public RuntimeEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    Objects.requireNonNull(time, "time");
  }

  /** The action without its detail: {@code health_status} for {@code health_status: healthy}. */
  public String baseAction() {
    int colon = action.indexOf(':');
    return colon < 0 ? action : action.substring(0, colon);
  }
}
