package dev.berth.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Connects a container to a network that must already exist. */
public record NetworkAttachment(
    String network,
    List<String> aliases,
    Optional<String> ipv4Address,
    Optional<String> ipv6Address,
    Optional<String> macAddress) {
  public NetworkAttachment {
    Objects.requireNonNull(network, "network");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(ipv4Address, "ipv4Address");
    Objects.requireNonNull(ipv6Address, "ipv6Address");
    Objects.requireNonNull(macAddress, "macAddress");
  }

  public static NetworkAttachment of(String network, String... aliases) {
    return new NetworkAttachment(network, List.of(aliases), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
