package dev.berth.runtime.fake;

import dev.berth.runtime.TerminalSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A process of a {@link FakeProgram} that runs with its standard streams connected: an interactive exec, or the main
 * process of a container created with stdin open. It runs on a thread of its own and returns its exit code; the
 * runtime interrupts that thread when the container stops.
 */
@FunctionalInterface
public interface FakeProcess {

  int run(Stdio io) throws IOException, InterruptedException;

  /**
   * The process's streams. With {@code tty}, stdout and stderr are the same terminal and {@code size} says how big
   * it currently is (empty until someone sets it).
   */
  record Stdio(InputStream stdin, OutputStream stdout, OutputStream stderr, boolean tty,
      Supplier<Optional<TerminalSize>> size) {
    public Stdio {
      Objects.requireNonNull(stdin, "stdin");
      Objects.requireNonNull(stdout, "stdout");
      Objects.requireNonNull(stderr, "stderr");
      Objects.requireNonNull(size, "size");
    }
  }
}
