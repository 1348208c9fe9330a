package dev.berth.engine.desired;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the engine should make exist for one project, in container terms plus Compose's bookkeeping.
 * {@code disabledServices} names services the project defines but leaves out (inactive profiles): their containers
 * are not orphans.
 */
public record DesiredProject(
    String name,
    List<DesiredService> services,
    List<DesiredNetwork> networks,
    List<DesiredVolume> volumes,
    Set<String> disabledServices) {
  public DesiredProject {
    Objects.requireNonNull(name, "name");
    services = List.copyOf(services);
    networks = List.copyOf(networks);
    volumes = List.copyOf(volumes);
    disabledServices = Collections.unmodifiableSet(new TreeSet<>(disabledServices));
    unique("service", services.stream().map(DesiredService::name).toList());
    unique("network", networks.stream().map(DesiredNetwork::key).toList());
    unique("volume", volumes.stream().map(DesiredVolume::key).toList());
  }

  /** A project without disabled services. */
  public DesiredProject(
      String name, List<DesiredService> services, List<DesiredNetwork> networks, List<DesiredVolume> volumes) {
    this(name, services, networks, volumes, Set.of());
  }

  public Optional<DesiredService> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static void unique(String kind, List<String> keys) {
    Set<String> seen = new HashSet<>();
    for (String k : keys) {
      if (!seen.add(k)) {
        throw new IllegalArgumentException("project declares " + kind + " " + k + " twice");
      }
    }
  }
}
