package dev.berth.runtime;

import java.util.Objects;

/** One resource limit, e.g. {@code nofile} 1024/2048. */
public record Ulimit(String name, long soft, long hard) {
  public Ulimit {
    Objects.requireNonNull(name, "name");
  }
}
