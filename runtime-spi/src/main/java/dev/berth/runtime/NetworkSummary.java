package dev.berth.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An existing network and the names of the containers attached to it (sorted). */
public record NetworkSummary(
    String id, String name, String driver, Map<String, String> labels, boolean internal, List<String> containers) {
  public NetworkSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    labels = Values.orderedCopy(labels);
    containers = List.copyOf(containers);
  }
}
