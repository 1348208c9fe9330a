package dev.berth.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Connects a container to a network that must already exist.
 *
 * <p>{@code links} are Docker's endpoint links on a user-defined network: the container (and only it) resolves each
 * link's alias to the linked container's address on this network. {@code priority} orders a container's networks
 * (higher first: the lower interface number); {@code gwPriority} picks the network that carries the default route
 * (the highest one; ties go to the first network in order).
 */
public record NetworkAttachment(
    String network,
    List<String> aliases,
    Optional<String> ipv4Address,
    Optional<String> ipv6Address,
    Optional<String> macAddress,
    List<Link> links,
    int priority,
    int gwPriority) {
  public NetworkAttachment {
    Objects.requireNonNull(network, "network");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(ipv4Address, "ipv4Address");
    Objects.requireNonNull(ipv6Address, "ipv6Address");
    Objects.requireNonNull(macAddress, "macAddress");
    links = List.copyOf(links);
  }

  /** An attachment without links and with neutral priorities. */
  public NetworkAttachment(String network, List<String> aliases, Optional<String> ipv4Address,
      Optional<String> ipv6Address, Optional<String> macAddress) {
    this(network, aliases, ipv4Address, ipv6Address, macAddress, List.of(), 0, 0);
  }

  public static NetworkAttachment of(String network, String... aliases) {
    return new NetworkAttachment(network, List.of(aliases), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public NetworkAttachment withLinks(List<Link> value) {
    return new NetworkAttachment(network, aliases, ipv4Address, ipv6Address, macAddress, value, priority, gwPriority);
  }

  public NetworkAttachment withPriorities(int newPriority, int newGwPriority) {
    return new NetworkAttachment(network, aliases, ipv4Address, ipv6Address, macAddress, links, newPriority,
        newGwPriority);
  }

  /** A link: the existing container {@code container} (name or id) is called {@code alias} by the linking one. */
  public record Link(String container, String alias) {
    public Link {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(alias, "alias");
      if (container.isBlank() || alias.isBlank()) {
        throw new IllegalArgumentException("a link names a container and an alias, not '" + container + ":" + alias
            + "'");
      }
    }

    /** {@code container[:alias]} (Docker's syntax; the alias defaults to the container's name). */
    public static Link parse(String text) {
      int colon = text.indexOf(':');
      return colon < 0 ? new Link(text, text) : new Link(text.substring(0, colon), text.substring(colon + 1));
    }

    /** {@code container:alias}, as the Engine API writes a link. */
    @Override
    public String toString() {
      return container + ":" + alias;
    }
  }
}
