package dev.berth.runtime;

import java.util.Objects;

/**
 * Identifies a container. Runtimes accept either the id they assigned or the container's current name, as the
 * Docker Engine API does.
 */
public record ContainerId(String value) {
  public ContainerId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("container id must not be blank");
    }
  }

  public static ContainerId of(String value) {
    return new ContainerId(value);
  }

  /** The first 12 characters, as Docker prints ids. */
  public String shortId() {
    return value.length() <= 12 ? value : value.substring(0, 12);
  }

  @Override
  public String toString() {
    return value;
  }
}
