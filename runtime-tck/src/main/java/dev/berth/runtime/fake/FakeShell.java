package dev.berth.runtime.fake;

import dev.berth.runtime.ExecResult;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.InjectedFile;
import dev.berth.runtime.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny stand-in for a busybox image: interprets {@code sh -c "<script>"} where the script is statements joined
 * by {@code ;}. Supported: {@code echo WORDS [>&2]}, {@code echo WORDS > /dev/shm/NAME} (the only writable place:
 * the container's {@code /dev/shm}, see {@link #withSharedMemory}), {@code printenv NAME}, {@code true},
 * {@code false}, {@code exit N}, {@code sleep N|infinity}, {@code cat PATH} over the files the shell's image holds
 * (see {@link #withFiles}), the runtime injected and {@code /dev/shm} holds, {@code stat -c FORMAT PATH} with {@code %a} (octal mode),
 * {@code %u}, {@code %g} and {@code %n} (image files are {@code 644 0 0}), and on a terminal {@code tty} and
 * {@code stty size}. Output is written when the process starts; sleeps delay the exit on the runtime's clock.
 * Anything else prints {@code sh: CMD: not found} on stderr and sets status 127, like a shell.
 *
 * <p>With its streams connected ({@link #session}, {@link #reader}) {@code sh} alone reads commands from stdin,
 * one per line, and {@code cat} alone copies stdin to stdout; see {@link FakeShellProcess}.
 */
public final class FakeShell implements FakeProgram {
  private static final Attributes IMAGE_FILE = new Attributes(0644, 0, 0);

  /** Owner and permission bits of a file the shell can {@code stat}. */
  private record Attributes(int mode, int uid, int gid) {}

  private static final String DEV_SHM = "/dev/shm/";

  private final Map<String, String> files;
  private final Map<String, Attributes> attributes;
  /** The container's {@code /dev/shm}: written in place (it may be shared with other containers). */
  private final Map<String, String> devShm;

  /** A shell whose image holds no readable files. */
  public FakeShell() {
    this(Map.of(), Map.of(), new java.util.concurrent.ConcurrentHashMap<>());
  }

  private FakeShell(Map<String, String> files, Map<String, Attributes> attributes, Map<String, String> devShm) {
    this.files = Map.copyOf(files);
    this.attributes = Map.copyOf(attributes);
    this.devShm = devShm;
  }

  /** This shell in an image that also holds {@code more} (absolute path to text content; later ones win). */
  public FakeShell withFiles(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(files);
    all.putAll(more);
    return new FakeShell(all, attributes, devShm);
  }

  @Override
  public FakeShell withSharedMemory(Map<String, String> shared) {
    return new FakeShell(files, attributes, shared);
  }

  @Override
  public FakeShell withInjectedFiles(List<InjectedFile> injected) {
    Map<String, String> all = new java.util.HashMap<>(files);
    Map<String, Attributes> attrs = new java.util.HashMap<>(attributes);
    for (InjectedFile f : injected) {
      all.put(f.target(), f.content());
      attrs.put(f.target(), new Attributes(f.mode(), f.uid(), f.gid()));
    }
    return new FakeShell(all, attrs, devShm);
  }

  @Override
  public FakeRun run(List<String> argv, Map<String, String> env) {
    Result r = interpret(argv, env, Terminal.NONE);
    return new FakeRun(r.output, r.sleep, r.status, HealthStatus.HEALTHY, Duration.ZERO);
  }

  @Override
  public FakeRun runOnTerminal(List<String> argv, Map<String, String> env,
      Optional<dev.berth.runtime.TerminalSize> size) {
    Result r = interpret(argv, env, new Terminal(true, size));
    return new FakeRun(r.output, r.sleep, r.status, HealthStatus.HEALTHY, Duration.ZERO);
  }

  @Override
  public FakeProcess session(List<String> argv, Map<String, String> env) {
    return new FakeShellProcess(this, argv, env);
  }

  /** {@code sh} and {@code cat} without arguments read their stdin. */
  @Override
  public Optional<FakeProcess> reader(List<String> argv, Map<String, String> env) {
    return FakeShellProcess.readsStdin(argv) ? Optional.of(new FakeShellProcess(this, argv, env)) : Optional.empty();
  }

  @Override
  public ExecResult exec(List<String> argv, Map<String, String> env) {
    Result r = interpret(argv, env, Terminal.NONE);
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    for (FakeRun.Output o : r.output) {
      (o.stream() == LogEntry.Stream.STDOUT ? out : err).append(o.line()).append('\n');
    }
    return new ExecResult(r.status, out.toString(), err.toString());
  }

  /** The terminal a script runs on: none, or one of this size (empty: never set). */
  record Terminal(boolean present, Optional<dev.berth.runtime.TerminalSize> size) {
    static final Terminal NONE = new Terminal(false, Optional.empty());
  }

  /**
   * What a script did: its output, how long it slept ({@code empty}: forever), its status, and whether it ended
   * with {@code exit} (or an endless sleep).
   */
  record Result(List<FakeRun.Output> output, Optional<Duration> sleep, int status, boolean exited) {
    Result(List<FakeRun.Output> output, Optional<Duration> sleep, int status) {
      this(output, sleep, status, true);
    }
  }

  Result interpret(List<String> argv, Map<String, String> env, Terminal terminal) {
    String script;
    if (argv.size() >= 3 && argv.get(0).endsWith("sh") && argv.get(1).equals("-c")) {
      script = argv.get(2);
    } else {
      script = String.join(" ", argv);
    }
    return interpret(script, env, terminal);
  }

  /** Runs the statements of {@code script} (separated by {@code ;}). */
  Result interpret(String script, Map<String, String> env, Terminal terminal) {
    List<FakeRun.Output> output = new ArrayList<>();
    Duration slept = Duration.ZERO;
    int status = 0;
    for (String raw : script.split(";")) {
      List<String> words = List.of(raw.trim().split("\\s+"));
      String cmd = words.get(0);
      List<String> args = words.subList(1, words.size());
      switch (cmd) {
        case "" -> { }
        case "echo" -> {
          int redirect = args.indexOf(">");
          if (redirect >= 0) {
            status = write(args.subList(redirect + 1, args.size()), unquote(String.join(" ",
                args.subList(0, redirect))), output);
            continue;
          }
          boolean toErr = !args.isEmpty() && args.get(args.size() - 1).equals(">&2");
          List<String> text = toErr ? args.subList(0, args.size() - 1) : args;
          output.add(new FakeRun.Output(toErr ? LogEntry.Stream.STDERR : LogEntry.Stream.STDOUT,
              unquote(String.join(" ", text))));
          status = 0;
        }
        case "printenv" -> {
          String value = args.isEmpty() ? null : env.get(args.get(0));
          if (value != null) {
            output.add(new FakeRun.Output(LogEntry.Stream.STDOUT, value));
          }
          status = value == null ? 1 : 0;
        }
        case "cat" -> {
          status = 0;
          for (String path : args) {
            String content = path.startsWith(DEV_SHM) ? devShm.get(path) : files.get(path);
            if (content == null) {
              output.add(new FakeRun.Output(LogEntry.Stream.STDERR, "cat: can't open '" + path
                  + "': No such file or directory"));
              status = 1;
            } else {
              content.lines().forEach(l -> output.add(new FakeRun.Output(LogEntry.Stream.STDOUT, l)));
            }
          }
        }
        case "stat" -> {
          if (args.size() != 3 || !args.get(0).equals("-c")) {
            output.add(new FakeRun.Output(LogEntry.Stream.STDERR, "stat: usage: stat -c FORMAT PATH"));
            status = 1;
          } else if (!files.containsKey(args.get(2))) {
            output.add(new FakeRun.Output(LogEntry.Stream.STDERR, "stat: can't stat '" + args.get(2)
                + "': No such file or directory"));
            status = 1;
          } else {
            output.add(new FakeRun.Output(LogEntry.Stream.STDOUT, stat(unquote(args.get(1)), args.get(2))));
            status = 0;
          }
        }
        case "tty" -> {
          output.add(new FakeRun.Output(LogEntry.Stream.STDOUT, terminal.present() ? "/dev/pts/0" : "not a tty"));
          status = terminal.present() ? 0 : 1;
        }
        case "stty" -> {
          if (!terminal.present()) {
            output.add(new FakeRun.Output(LogEntry.Stream.STDERR, "stty: standard input: Not a tty"));
            status = 1;
          } else if (args.equals(List.of("size"))) {
            output.add(new FakeRun.Output(LogEntry.Stream.STDOUT, terminal.size()
                .map(t -> t.rows() + " " + t.columns()).orElse("0 0")));
            status = 0;
          } else {
            output.add(new FakeRun.Output(LogEntry.Stream.STDERR, "stty: only 'stty size' is supported"));
            status = 1;
          }
        }
        case "true" -> status = 0;
        case "false" -> status = 1;
        case "exit" -> {
          return new Result(output, Optional.of(slept), args.isEmpty() ? status : Integer.parseInt(args.get(0)));
        }
        case "sleep" -> {
          if (args.isEmpty() || args.get(0).equals("infinity")) {
            return new Result(output, Optional.empty(), 0);
          }
          slept = slept.plusMillis((long) (Double.parseDouble(args.get(0)) * 1000));
          status = 0;
        }
        default -> {
          output.add(new FakeRun.Output(LogEntry.Stream.STDERR, "sh: " + cmd + ": not found"));
          status = 127;
        }
      }
    }
    return new Result(output, Optional.of(slept), status, false);
  }

  /** {@code echo TEXT > PATH}: only {@code /dev/shm} is writable. Returns the status. */
  private int write(List<String> target, String text, List<FakeRun.Output> output) {
    String path = target.size() == 1 ? target.get(0) : "";
    if (!path.startsWith(DEV_SHM) || path.length() == DEV_SHM.length()) {
      output.add(new FakeRun.Output(LogEntry.Stream.STDERR, "sh: can't create '" + String.join(" ", target)
          + "': only files directly in /dev/shm are writable in this fake shell"));
      return 1;
    }
    devShm.put(path, text + "\n");
    return 0;
  }

  private String stat(String format, String path) {
    Attributes a = attributes.getOrDefault(path, IMAGE_FILE);
    return format.replace("%a", Integer.toOctalString(a.mode())).replace("%u", Integer.toString(a.uid()))
        .replace("%g", Integer.toString(a.gid())).replace("%n", path);
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
