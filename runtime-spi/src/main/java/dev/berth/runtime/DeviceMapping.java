package dev.berth.runtime;

import java.util.Objects;

/** A host device made available in the container; permissions such as {@code rwm}. */
public record DeviceMapping(String hostPath, String containerPath, String permissions) {
  public DeviceMapping {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(containerPath, "containerPath");
    Objects.requireNonNull(permissions, "permissions");
  }
}
