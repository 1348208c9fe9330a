package dev.berth.runtime.fake;

import dev.berth.runtime.ExecResult;
import dev.berth.runtime.InjectedFile;
import java.util.List;
import java.util.Map;

/**
 * What an image "does" inside the {@link FakeRuntime}: given the effective argv (entrypoint + command) and
 * environment, how the main process behaves, and how exec'd processes answer.
 */
public interface FakeProgram {

  /** Behaviour of the main process started with {@code argv}. */
  FakeRun run(List<String> argv, Map<String, String> env);

  /**
   * Behaviour of the main process of a container with a terminal, of {@code size} (empty: never set). By default as
   * {@link #run}: the program does not look at its terminal.
   */
  default FakeRun runOnTerminal(List<String> argv, Map<String, String> env,
      java.util.Optional<dev.berth.runtime.TerminalSize> size) {
    return run(argv, env);
  }

  /** Result of an exec of {@code argv} while the container runs. */
  ExecResult exec(List<String> argv, Map<String, String> env);

  /**
   * An exec of {@code argv} with its streams connected ({@code startExec}). By default it behaves as
   * {@link #exec}: its output is written at once and it exits, reading nothing.
   */
  default FakeProcess session(List<String> argv, Map<String, String> env) {
    return io -> {
      ExecResult r = exec(argv, env);
      io.stdout().write(r.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      io.stderr().write(r.stderr().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return r.exitCode();
    };
  }

  /**
   * The main process {@code argv} of a container created with stdin open, when it reads its stdin (an interactive
   * shell, {@code cat}); empty (the default) when it behaves as {@link #run} says whatever its stdin.
   */
  default java.util.Optional<FakeProcess> reader(List<String> argv, Map<String, String> env) {
    return java.util.Optional.empty();
  }

  /** This program in a container into which the runtime injected {@code files}; by default it does not read files. */
  default FakeProgram withInjectedFiles(List<InjectedFile> files) {
    return this;
  }

  /**
   * This program in a container whose {@code /dev/shm} holds {@code devShm} (absolute path under {@code /dev/shm/}
   * to content; the same map for the containers that share it, so writes go into it); by default it does not use it.
   */
  default FakeProgram withSharedMemory(Map<String, String> devShm) {
    return this;
  }

  /** A program that ignores its arguments and always behaves as {@code run}; exec always succeeds silently. */
  static FakeProgram fixed(FakeRun run) {
    return new FakeProgram() {
      @Override
      public FakeRun run(List<String> argv, Map<String, String> env) {
        return run;
      }

      @Override
      public ExecResult exec(List<String> argv, Map<String, String> env) {
        return new ExecResult(0, "", "");
      }
    };
  }
}
