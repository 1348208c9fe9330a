package dev.berth.engine.compose;

import java.util.Objects;
import java.util.Set;

/**
 * What {@code build} should do: the services (empty: all with a {@code build:} section), whether their dependencies
 * are built too, the command-line overrides, and whether each built image that has an {@code image:} name is pushed
 * afterwards ({@code build --push}).
 */
public record BuildRequest(Set<String> services, boolean withDependencies, BuildOverrides overrides, boolean push,
    boolean dryRun) {
  public BuildRequest {
    services = Set.copyOf(services);
    Objects.requireNonNull(overrides, "overrides");
  }
}
