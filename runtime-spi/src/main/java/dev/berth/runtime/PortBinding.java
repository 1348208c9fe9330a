package dev.berth.runtime;

import java.util.Objects;

/** Publishes one container port on the host; {@code hostPort} 0 asks for an ephemeral port. */
public record PortBinding(String hostIp, int hostPort, int containerPort, String protocol) {
  public PortBinding {
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(protocol, "protocol");
    if (hostPort < 0 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException("port out of range: " + hostPort + ":" + containerPort);
    }
  }

  public static PortBinding tcp(int hostPort, int containerPort) {
    return new PortBinding("", hostPort, containerPort, "tcp");
  }
}
