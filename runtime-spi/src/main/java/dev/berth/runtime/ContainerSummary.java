package dev.berth.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a runtime reports about one container: identity, labels, state, mounts and attached networks. */
public record ContainerSummary(
    ContainerId id,
    String name,
    ImageRef image,
    String imageId,
    Map<String, String> labels,
    ContainerState state,
    List<MountPoint> mounts,
    List<String> networks) {
  public ContainerSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(imageId, "imageId");
    labels = Values.orderedCopy(labels);
    Objects.requireNonNull(state, "state");
    mounts = List.copyOf(mounts);
    networks = List.copyOf(networks);
  }

  public String label(String key) {
    return labels.get(key);
  }
}
