package dev.berth.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A process to run inside a running container. {@code tty} gives it a terminal; {@code stdin} connects its stdin
 * to the session of {@link ContainerRuntime#startExec} (a captured {@link ContainerRuntime#exec} gives it none).
 */
public record ExecSpec(
    List<String> command,
    Map<String, String> env,
    Optional<String> user,
    Optional<String> workingDir,
    boolean tty,
    boolean privileged,
    boolean stdin) {
  public ExecSpec {
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("exec command must not be empty");
    }
    env = Values.orderedCopy(env);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
  }

  /** A process without stdin. */
  public ExecSpec(List<String> command, Map<String, String> env, Optional<String> user, Optional<String> workingDir,
      boolean tty, boolean privileged) {
    this(command, env, user, workingDir, tty, privileged, false);
  }

  public static ExecSpec of(String... command) {
    return new ExecSpec(List.of(command), Map.of(), Optional.empty(), Optional.empty(), false, false, false);
  }

  /** This process with its stdin connected or not. */
  public ExecSpec withStdin(boolean stdin) {
    return new ExecSpec(command, env, user, workingDir, tty, privileged, stdin);
  }

  /** This process on a terminal or not. */
  public ExecSpec withTty(boolean tty) {
    return new ExecSpec(command, env, user, workingDir, tty, privileged, stdin);
  }
}
