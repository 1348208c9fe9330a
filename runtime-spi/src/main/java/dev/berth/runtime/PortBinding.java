package dev.berth.runtime;

import java.util.Objects;

/**
 * Publishes one container port on the host. {@code hostPort} 0 asks for an ephemeral port; {@code hostPort} up to
 * {@code hostPortEnd} asks for the first free port of that range (Compose's {@code "9000-9005:80"}: each replica gets
 * another port of it, ports in use are skipped); otherwise {@code hostPortEnd} equals {@code hostPort}. A runtime
 * reports what it published with the port it chose, never a range.
 */
public record PortBinding(String hostIp, int hostPort, int containerPort, String protocol, int hostPortEnd) {
  public PortBinding {
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(protocol, "protocol");
    if (hostPort < 0 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException("port out of range: " + hostPort + ":" + containerPort);
    }
    if (hostPortEnd != hostPort && (hostPort == 0 || hostPortEnd < hostPort || hostPortEnd > 65535)) {
      throw new IllegalArgumentException("invalid host port range " + hostPort + "-" + hostPortEnd
          + ": write FIRST-LAST with FIRST <= LAST, both 1..65535");
    }
  }

  /** One host port (or 0 for an ephemeral one). */
  public PortBinding(String hostIp, int hostPort, int containerPort, String protocol) {
    this(hostIp, hostPort, containerPort, protocol, hostPort);
  }

  public static PortBinding tcp(int hostPort, int containerPort) {
    return new PortBinding("", hostPort, containerPort, "tcp");
  }

  /** The first free port of {@code first..last}. */
  public static PortBinding range(String hostIp, int first, int last, int containerPort, String protocol) {
    return new PortBinding(hostIp, first, containerPort, protocol, last);
  }

  public boolean isRange() {
    return hostPortEnd > hostPort;
  }

  /** The host port as Docker writes it: empty (ephemeral), {@code 8080}, or {@code 9000-9005}. */
  public String hostPortSpec() {
    return hostPort == 0 ? "" : isRange() ? hostPort + "-" + hostPortEnd : Integer.toString(hostPort);
  }
}
