package dev.berth.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A network to create. Names are unique within a runtime. */
public record NetworkSpec(
    String name,
    String driver,
    Map<String, String> labels,
    Map<String, String> driverOptions,
    boolean internal,
    boolean attachable,
    boolean enableIpv6,
    List<IpamPool> ipam) {
  public NetworkSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    labels = Values.orderedCopy(labels);
    driverOptions = Values.orderedCopy(driverOptions);
    ipam = List.copyOf(ipam);
  }

  /** A bridge network with no options. */
  public static NetworkSpec bridge(String name, Map<String, String> labels) {
    return new NetworkSpec(name, "bridge", labels, Map.of(), false, false, false, List.of());
  }
}
