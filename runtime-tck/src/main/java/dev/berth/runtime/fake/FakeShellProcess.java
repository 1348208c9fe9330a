package dev.berth.runtime.fake;

import dev.berth.runtime.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@link FakeShell} process with its streams connected. {@code sh} alone reads one command line at a time from
 * stdin and runs it, until {@code exit} or end of input; {@code cat} alone copies stdin to stdout; anything else runs
 * as a script once, sleeping for real. On a terminal it behaves as a pseudo-terminal's line discipline does: input
 * is echoed, Enter ends a line, output lines end with CR LF, stderr shares the terminal, Ctrl-C discards the line and
 * Ctrl-D on an empty line ends the input; {@code sh} prints busybox's prompt {@code / # }.
 */
final class FakeShellProcess implements FakeProcess {
  private static final String PROMPT = "/ # ";
  private static final int CTRL_C = 0x03;
  private static final int CTRL_D = 0x04;
  private static final int DELETE = 0x7F;

  private final FakeShell shell;
  private final List<String> argv;
  private final Map<String, String> env;

  FakeShellProcess(FakeShell shell, List<String> argv, Map<String, String> env) {
    this.shell = shell;
    this.argv = List.copyOf(argv);
    this.env = Map.copyOf(env);
  }

  /** Whether {@code argv} is {@code sh} or {@code cat} without arguments, which read their stdin. */
  static boolean readsStdin(List<String> argv) {
    return argv.size() == 1 && (program(argv).equals("sh") || program(argv).equals("cat"));
  }

  private static String program(List<String> argv) {
    String first = argv.get(0);
    return first.substring(first.lastIndexOf('/') + 1);
  }

  @Override
  public int run(Stdio io) throws IOException, InterruptedException {
    if (readsStdin(argv) && program(argv).equals("cat")) {
      return cat(io);
    }
    if (readsStdin(argv)) {
      return interactiveShell(io);
    }
    FakeShell.Result r = shell.interpret(argv, env, terminal(io));
    write(io, r);
    if (r.sleep().isEmpty()) {
      Thread.sleep(Long.MAX_VALUE);
    }
    Thread.sleep(r.sleep().get().toMillis());
    return r.status();
  }

  private int cat(Stdio io) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = io.stdin().read()) >= 0) {
      if (!io.tty()) {
        io.stdout().write(b);
        io.stdout().flush();
        continue;
      }
      if (b == CTRL_D && line.size() == 0) {
        break;
      }
      if (b == '\r' || b == '\n') {
        io.stdout().write("\r\n".getBytes(StandardCharsets.US_ASCII));
        line.writeTo(io.stdout());
        io.stdout().write("\r\n".getBytes(StandardCharsets.US_ASCII));
        line.reset();
      } else {
        io.stdout().write(b);
        line.write(b);
      }
      io.stdout().flush();
    }
    return 0;
  }

  private int interactiveShell(Stdio io) throws IOException, InterruptedException {
    int status = 0;
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    prompt(io);
    int b;
    while ((b = io.stdin().read()) >= 0) {
      boolean endOfLine = io.tty() ? b == '\r' || b == '\n' : b == '\n';
      if (io.tty() && b == CTRL_D && line.size() == 0) {
        return status;
      }
      if (io.tty() && b == CTRL_C) {
        echo(io, "^C\r\n");
        line.reset();
        prompt(io);
      } else if (io.tty() && b == DELETE) {
        if (line.size() > 0) {
          byte[] kept = java.util.Arrays.copyOf(line.toByteArray(), line.size() - 1);
          line.reset();
          line.write(kept);
          echo(io, "\b \b");
        }
      } else if (endOfLine) {
        if (io.tty()) {
          echo(io, "\r\n");
        }
        FakeShell.Result r = shell.interpret(line.toString(StandardCharsets.UTF_8), env, terminal(io));
        line.reset();
        write(io, r);
        status = r.status();
        if (r.exited()) {
          if (r.sleep().isEmpty()) {
            Thread.sleep(Long.MAX_VALUE);
          }
          return status;
        }
        Thread.sleep(r.sleep().map(Duration::toMillis).orElse(0L));
        prompt(io);
      } else {
        line.write(b);
        if (io.tty()) {
          io.stdout().write(b);
          io.stdout().flush();
        }
      }
    }
    return status;
  }

  private static void prompt(Stdio io) throws IOException {
    if (io.tty()) {
      echo(io, PROMPT);
    }
  }

  private static void echo(Stdio io, String text) throws IOException {
    io.stdout().write(text.getBytes(StandardCharsets.UTF_8));
    io.stdout().flush();
  }

  private static void write(Stdio io, FakeShell.Result r) throws IOException {
    String end = io.tty() ? "\r\n" : "\n";
    for (FakeRun.Output o : r.output()) {
      OutputStream to = o.stream() == LogEntry.Stream.STDERR && !io.tty() ? io.stderr() : io.stdout();
      to.write((o.line() + end).getBytes(StandardCharsets.UTF_8));
      to.flush();
    }
  }

  private static FakeShell.Terminal terminal(Stdio io) {
    return new FakeShell.Terminal(io.tty(), io.size().get());
  }
}
