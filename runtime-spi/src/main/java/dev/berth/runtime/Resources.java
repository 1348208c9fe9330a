package dev.berth.runtime;

import java.util.Objects;
import java.util.Optional;

/** Resource limits; empty means unlimited / runtime default. Sizes are bytes. */
public record Resources(
    Optional<Long> memory,
    Optional<Long> memorySwap,
    Optional<Double> cpus,
    Optional<Integer> cpuShares,
    Optional<String> cpuset,
    Optional<Long> pidsLimit) {
  public static final Resources NONE =
      new Resources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty());

  public Resources {
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(memorySwap, "memorySwap");
    Objects.requireNonNull(cpus, "cpus");
    Objects.requireNonNull(cpuShares, "cpuShares");
    Objects.requireNonNull(cpuset, "cpuset");
    Objects.requireNonNull(pidsLimit, "pidsLimit");
  }
}
