package dev.berth.runtime;

import java.util.Objects;

/**
 * Whether a runtime can run here. When it cannot, {@code reason} says why and {@code hint} what to do, e.g.
 * reason "/var/run/docker.sock not found", hint "start dockerd or set DOCKER_HOST".
 */
public record Availability(boolean usable, String reason, String hint) {
  public Availability {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(hint, "hint");
  }

  public static Availability available(String detail) {
    return new Availability(true, detail, "");
  }

  public static Availability unavailable(String reason, String hint) {
    return new Availability(false, reason, hint);
  }
}
