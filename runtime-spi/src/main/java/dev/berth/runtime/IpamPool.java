package dev.berth.runtime;

import java.util.Objects;
import java.util.Optional;

/** One address pool of a network. */
public record IpamPool(String subnet, Optional<String> gateway, Optional<String> ipRange) {
  public IpamPool {
    Objects.requireNonNull(subnet, "subnet");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(ipRange, "ipRange");
  }
}
