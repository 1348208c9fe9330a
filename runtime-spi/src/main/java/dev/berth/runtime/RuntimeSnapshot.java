package dev.berth.runtime;

import java.util.List;

/** Containers (all states), networks and volumes matching one label selector, taken together. */
public record RuntimeSnapshot(
    List<ContainerSummary> containers, List<NetworkSummary> networks, List<VolumeSummary> volumes) {
  public RuntimeSnapshot {
    containers = List.copyOf(containers);
    networks = List.copyOf(networks);
    volumes = List.copyOf(volumes);
  }

  public static RuntimeSnapshot empty() {
    return new RuntimeSnapshot(List.of(), List.of(), List.of());
  }
}
