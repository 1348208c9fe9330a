package dev.berth.engine.compose;

import dev.berth.engine.pull.PullPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the one-off's image comes from: with {@code build} ({@code run --build}) a service with a {@code build:}
 * section is rebuilt first; without, it is built only when missing (or under {@code pull_policy: build}).
 * {@code pull} is {@code run --pull}, overriding the service's {@code pull_policy}; empty means that policy.
 */
public record OneOffImage(boolean build, Optional<PullPolicy> pull) {
  public static final OneOffImage DEFAULTS = new OneOffImage(false, Optional.empty());

  public OneOffImage {
    Objects.requireNonNull(pull, "pull");
  }
}
