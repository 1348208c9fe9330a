package dev.berth.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ContainerNetwork;

/**
 * Endpoint settings with {@code GwPriority} (Engine API 1.48 on), which docker-java's {@link ContainerNetwork} does
 * not carry: the network with the highest one gives the container its default route.
 */
final class PrioritizedEndpoint extends ContainerNetwork {
  private static final long serialVersionUID = 1L;

  @JsonProperty("GwPriority")
  private final int gwPriority;

  PrioritizedEndpoint(int gwPriority) {
    this.gwPriority = gwPriority;
  }

  int gwPriority() {
    return gwPriority;
  }
}
