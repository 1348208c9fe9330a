package dev.berth.engine.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code down} tears a project down: {@code services} empty means all (otherwise those and their dependents,
 * and networks/volumes are kept), {@code removeVolumes} is {@code -v}, {@code timeout} is {@code -t}.
 */
public record DownOptions(Set<String> services, boolean removeOrphans, boolean removeVolumes,
    Optional<Duration> timeout) {
  public DownOptions {
    services = Set.copyOf(services);
    Objects.requireNonNull(timeout, "timeout");
  }

  public static DownOptions defaults() {
    return new DownOptions(Set.of(), false, false, Optional.empty());
  }

  public DownOptions withRemoveOrphans(boolean v) {
    return new DownOptions(services, v, removeVolumes, timeout);
  }

  public DownOptions withRemoveVolumes(boolean v) {
    return new DownOptions(services, removeOrphans, v, timeout);
  }

  public DownOptions withServices(Set<String> s) {
    return new DownOptions(s, removeOrphans, removeVolumes, timeout);
  }
}
