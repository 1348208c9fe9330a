package dev.berth.runtime;

import java.util.Map;
import java.util.Objects;

/** Log driver and its options. */
public record LogConfig(String driver, Map<String, String> options) {
  public LogConfig {
    Objects.requireNonNull(driver, "driver");
    options = Values.orderedCopy(options);
  }
}
