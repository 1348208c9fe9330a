package dev.berth.engine.compose;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-off container of {@code service} ({@code run}): {@code command} replaces the service's when not empty;
 * {@code entrypoint}, {@code user}, {@code workingDir}, {@code name} override when present; {@code env} adds to the
 * environment. Dependencies are brought up first unless {@code noDeps}; {@code detach} returns once started;
 * {@code remove} deletes the container after it exits.
 */
public record RunRequest(String service, List<String> command, Map<String, String> env,
    Optional<List<String>> entrypoint, Optional<String> user, Optional<String> workingDir, Optional<String> name,
    boolean noDeps, boolean detach, boolean remove) {
  public RunRequest {
    Objects.requireNonNull(service, "service");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    Objects.requireNonNull(entrypoint, "entrypoint");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(name, "name");
  }

  public static RunRequest of(String service, List<String> command) {
    return new RunRequest(service, command, Map.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), false, false, false);
  }
}
