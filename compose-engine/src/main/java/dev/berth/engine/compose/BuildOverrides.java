package dev.berth.engine.compose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Command-line settings that override every service's {@code build:} section: {@code --no-cache}, {@code --pull}
 * and {@code --build-arg NAME=VALUE}.
 */
public record BuildOverrides(boolean noCache, boolean pull, Map<String, String> args) {
  public BuildOverrides {
    Objects.requireNonNull(args, "args");
    args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  public static BuildOverrides none() {
    return new BuildOverrides(false, false, Map.of());
  }
}
