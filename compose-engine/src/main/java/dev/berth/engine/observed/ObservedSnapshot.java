package dev.berth.engine.observed;

import dev.berth.engine.ComposeLabels;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.RuntimeSnapshot;
import dev.berth.runtime.VolumeSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What exists for one project, taken in one runtime call: containers (every state, one-offs included), networks
 * and volumes carrying the project label. The planner reads only this.
 */
public record ObservedSnapshot(
    String project, List<ContainerSummary> containers, List<NetworkSummary> networks, List<VolumeSummary> volumes) {
  public ObservedSnapshot {
    Objects.requireNonNull(project, "project");
    containers = List.copyOf(containers);
    networks = List.copyOf(networks);
    volumes = List.copyOf(volumes);
  }

  public static ObservedSnapshot empty(String project) {
    return new ObservedSnapshot(project, List.of(), List.of(), List.of());
  }

  public static ObservedSnapshot of(String project, RuntimeSnapshot snapshot) {
    return new ObservedSnapshot(project, snapshot.containers(), snapshot.networks(), snapshot.volumes());
  }

  /** Takes the snapshot of {@code project} from {@code runtime}. */
  public static ObservedSnapshot take(ContainerRuntime runtime, String project) {
    return of(project, runtime.snapshot(LabelSelector.of(ComposeLabels.PROJECT, project)));
  }

  /** The service (not one-off) containers of {@code service}, by container number. */
  public List<ContainerSummary> containersOf(String service) {
    return containers.stream()
        .filter(c -> service.equals(c.label(ComposeLabels.SERVICE)))
        .filter(c -> !isOneOff(c))
        .sorted(Comparator.comparingInt(ObservedSnapshot::number).thenComparing(ContainerSummary::name))
        .toList();
  }

  public Optional<NetworkSummary> network(String name) {
    return networks.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  public Optional<VolumeSummary> volume(String name) {
    return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public static boolean isOneOff(ContainerSummary c) {
    return "True".equalsIgnoreCase(c.label(ComposeLabels.ONEOFF));
  }

  /** The container number label, or 0 when absent or malformed. */
  public static int number(ContainerSummary c) {
    String n = c.label(ComposeLabels.CONTAINER_NUMBER);
    try {
      return n == null ? 0 : Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
