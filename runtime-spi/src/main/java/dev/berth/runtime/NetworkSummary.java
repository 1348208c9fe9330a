package dev.berth.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An existing network, the names of the containers attached to it (sorted) and its address pools (subnet and
 * gateway as the runtime chose or was told; empty when the runtime does not report them).
 */
public record NetworkSummary(
    String id, String name, String driver, Map<String, String> labels, boolean internal, List<String> containers,
    List<IpamPool> ipam) {
  public NetworkSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    labels = Values.orderedCopy(labels);
    containers = List.copyOf(containers);
    ipam = List.copyOf(ipam);
  }

  /** A summary without address pools (runtimes that cannot report them). */
  public NetworkSummary(String id, String name, String driver, Map<String, String> labels, boolean internal,
      List<String> containers) {
    this(id, name, driver, labels, internal, containers, List.of());
  }
}
