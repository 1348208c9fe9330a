package dev.berth.runtime;

import java.util.Map;
import java.util.Objects;

/** A named volume to create. */
public record VolumeSpec(String name, String driver, Map<String, String> labels, Map<String, String> driverOptions) {
  public VolumeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    labels = Values.orderedCopy(labels);
    driverOptions = Values.orderedCopy(driverOptions);
  }

  public static VolumeSpec local(String name, Map<String, String> labels) {
    return new VolumeSpec(name, "local", labels, Map.of());
  }
}
