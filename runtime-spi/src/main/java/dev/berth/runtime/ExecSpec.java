package dev.berth.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A process to run inside a running container. */
public record ExecSpec(
    List<String> command,
    Map<String, String> env,
    Optional<String> user,
    Optional<String> workingDir,
    boolean tty,
    boolean privileged) {
  public ExecSpec {
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("exec command must not be empty");
    }
    env = Values.orderedCopy(env);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
  }

  public static ExecSpec of(String... command) {
    return new ExecSpec(List.of(command), Map.of(), Optional.empty(), Optional.empty(), false, false);
  }
}
