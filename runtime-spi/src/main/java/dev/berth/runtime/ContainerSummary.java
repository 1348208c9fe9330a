package dev.berth.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a runtime reports about one container: identity, labels, state, mounts, attached networks and the ports it
 * publishes now (actual host ports, so an ephemeral one shows the port the runtime picked; empty while the container
 * is not running).
 */
public record ContainerSummary(
    ContainerId id,
    String name,
    ImageRef image,
    String imageId,
    Map<String, String> labels,
    ContainerState state,
    List<MountPoint> mounts,
    List<String> networks,
    List<PortBinding> ports) {
  public ContainerSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(imageId, "imageId");
    labels = Values.orderedCopy(labels);
    Objects.requireNonNull(state, "state");
    mounts = List.copyOf(mounts);
    networks = List.copyOf(networks);
    ports = List.copyOf(ports);
  }

  /** A summary without published ports (runtimes that cannot report them). */
  public ContainerSummary(ContainerId id, String name, ImageRef image, String imageId, Map<String, String> labels,
      ContainerState state, List<MountPoint> mounts, List<String> networks) {
    this(id, name, image, imageId, labels, state, mounts, networks, List.of());
  }

  public String label(String key) {
    return labels.get(key);
  }
}
