package dev.berth.runtime;

import java.util.Map;
import java.util.Objects;

/** An existing volume. {@code anonymous} is true for volumes the runtime created for an unnamed mount. */
public record VolumeSummary(String name, String driver, Map<String, String> labels, boolean anonymous) {
  public VolumeSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    labels = Values.orderedCopy(labels);
  }
}
