package dev.berth.engine.compose;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-off container of {@code service} ({@code run}): {@code command} replaces the service's when not empty;
 * {@code entrypoint}, {@code user}, {@code workingDir}, {@code name} override when present; {@code env} adds to the
 * environment. Dependencies are brought up first unless {@code noDeps}; {@code detach} returns once started;
 * {@code remove} deletes the container after it exits. {@code settings} say how else the container differs from
 * the service, {@code image} where its image comes from.
 */
public record RunRequest(String service, List<String> command, Map<String, String> env,
    Optional<List<String>> entrypoint, Optional<String> user, Optional<String> workingDir, Optional<String> name,
    boolean noDeps, boolean detach, boolean remove, OneOffSettings settings, OneOffImage image) {
  public RunRequest {
    Objects.requireNonNull(service, "service");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    Objects.requireNonNull(entrypoint, "entrypoint");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(image, "image");
  }

  /** A request with the default {@link OneOffSettings} and {@link OneOffImage}. */
  public RunRequest(String service, List<String> command, Map<String, String> env,
      Optional<List<String>> entrypoint, Optional<String> user, Optional<String> workingDir, Optional<String> name,
      boolean noDeps, boolean detach, boolean remove) {
    this(service, command, env, entrypoint, user, workingDir, name, noDeps, detach, remove, OneOffSettings.DEFAULTS,
        OneOffImage.DEFAULTS);
  }

  public static RunRequest of(String service, List<String> command) {
    return new RunRequest(service, command, Map.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), false, false, false);
  }

  public RunRequest withSettings(OneOffSettings settings) {
    return new RunRequest(service, command, env, entrypoint, user, workingDir, name, noDeps, detach, remove, settings,
        image);
  }

  public RunRequest withImage(OneOffImage image) {
    return new RunRequest(service, command, env, entrypoint, user, workingDir, name, noDeps, detach, remove, settings,
        image);
  }
}
