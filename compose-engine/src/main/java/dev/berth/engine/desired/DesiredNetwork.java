package dev.berth.engine.desired;

import dev.berth.runtime.NetworkSpec;
import java.util.Objects;

/**
 * A network of the project: its Compose key, the runtime spec (name {@code <project>_<key>} unless set), the config
 * hash, and whether it is external (never created or removed by the engine).
 */
public record DesiredNetwork(String key, NetworkSpec spec, String configHash, boolean external) {
  public DesiredNetwork {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(configHash, "configHash");
  }

  public String name() {
    return spec.name();
  }
}
