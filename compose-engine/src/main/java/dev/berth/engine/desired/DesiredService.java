package dev.berth.engine.desired;

import dev.berth.runtime.ContainerSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service as the engine wants it: the container spec every replica is made from (its name is replaced by
 * {@code <project>-<service>-<n>}), the replica count, the config hash that decides recreation, the image digest
 * (an image rebuilt or pulled since changes it), the dependencies and, for services with a {@code build:} section,
 * how to build the image.
 */
public record DesiredService(
    String name,
    ContainerSpec template,
    int replicas,
    String configHash,
    String imageDigest,
    List<Dependency> dependsOn,
    Optional<ImageBuild> build) {
  public DesiredService {
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(configHash, "configHash");
    Objects.requireNonNull(imageDigest, "imageDigest");
    dependsOn = List.copyOf(dependsOn);
    if (replicas < 0) {
      throw new IllegalArgumentException("service " + name + ": replicas must be >= 0, was " + replicas);
    }
  }

  /** A service whose image is never built here (pulled or already present). */
  public DesiredService(String name, ContainerSpec template, int replicas, String configHash, String imageDigest,
      List<Dependency> dependsOn) {
    this(name, template, replicas, configHash, imageDigest, dependsOn, Optional.empty());
  }

  public DesiredService withBuild(Optional<ImageBuild> build) {
    return new DesiredService(name, template, replicas, configHash, imageDigest, dependsOn, build);
  }

  public DesiredService withReplicas(int replicas) {
    return new DesiredService(name, template, replicas, configHash, imageDigest, dependsOn, build);
  }

  public DesiredService withConfigHash(String configHash) {
    return new DesiredService(name, template, replicas, configHash, imageDigest, dependsOn, build);
  }

  public DesiredService withImageDigest(String imageDigest) {
    return new DesiredService(name, template, replicas, configHash, imageDigest, dependsOn, build);
  }

  public DesiredService withDependsOn(List<Dependency> dependsOn) {
    return new DesiredService(name, template, replicas, configHash, imageDigest, dependsOn, build);
  }
}
