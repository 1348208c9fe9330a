package dev.berth.engine.desired;

import dev.berth.runtime.BuildSpec;
import java.util.Objects;

/**
 * How a service's image is built: the runtime build request made from its {@code build:} section, and whether its
 * {@code pull_policy: build} asks for a build on every {@code up}.
 */
public record ImageBuild(BuildSpec spec, boolean always) {
  public ImageBuild {
    Objects.requireNonNull(spec, "spec");
  }
}
