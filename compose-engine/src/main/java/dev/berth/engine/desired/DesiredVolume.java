package dev.berth.engine.desired;

import dev.berth.runtime.VolumeSpec;
import java.util.Objects;

/** A named volume of the project, like {@link DesiredNetwork}. */
public record DesiredVolume(String key, VolumeSpec spec, String configHash, boolean external) {
  public DesiredVolume {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(configHash, "configHash");
  }

  public String name() {
    return spec.name();
  }
}
