package dev.berth.cli.shell;

import dev.berth.cli.completion.Completions;
import dev.berth.cli.completion.ProjectVocabulary;
import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.support.ShellWords;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import picocli.CommandLine;

/**
 * The read-eval loop of {@code berth shell}: each line runs as a berth command line after the root flags the shell
 * was started with (so {@code ps} means {@code berth -f ... ps}); besides the commands, {@code status} shows the
 * stack, {@code use FILE...} switches the compose files, and {@code exit}/{@code quit}/Ctrl-D leave. Ctrl-C stops
 * the running command, not the shell. The status bar at the bottom follows the stack ({@link LiveStatusBar}).
 */
final class Repl {
    static final Set<String> BUILTINS = Set.of("exit", "quit", "status", "use");

    private final Terminal terminal;
    private final Supplier<CommandLine> tree;
    private final CommandRunner runner;
    private final Invocation caller;
    private final Path historyFile;
    private List<String> rootArgs;
    private ProjectVocabulary vocabulary;
    private StackStatus status;
    private LiveStatusBar bar;

    Repl(Terminal terminal, Supplier<CommandLine> tree, CommandRunner runner, List<String> rootArgs,
            Invocation caller) {
        this.terminal = terminal;
        this.tree = tree;
        this.runner = runner;
        this.caller = caller;
        this.historyFile = historyFile(caller);
        this.rootArgs = List.copyOf(rootArgs);
    }

    /** Reads and runs lines until the user leaves; returns the exit code of the last command. */
    int run() {
        vocabulary = new ProjectVocabulary(tree, rootArgs, caller);
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("berth")
                .completer(new ShellCompleter(new Completions(tree.get(), BUILTINS, vocabulary)))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .build();
        try (LiveStatusBar statusBar = new LiveStatusBar(terminal, reader)) {
            bar = statusBar;
            PrintWriter out = bar.output();
            out.println("berth shell — commands as after `berth`, TAB completes, `status`, `use FILE...`, `exit`");
            status = new StackStatus(tree, rootArgs);
            bar.follow(status);
            int code = loop(reader, out);
            saveHistory(reader);
            return code;
        }
    }

    private int loop(LineReader reader, PrintWriter out) {
        int code = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return code;
            }
            List<String> words = ShellWords.split(line);
            String first = words.isEmpty() ? "" : words.get(0);
            if (first.equals("exit") || first.equals("quit")) {
                return code;
            }
            if (first.equals("status")) {
                out.println(status.line());
            } else if (first.equals("use")) {
                use(words.subList(1, words.size()), out);
            } else if (first.equals("shell")) {
                out.println("berth: already in the shell");
            } else if (!words.isEmpty()) {
                code = bar.whileCommandRuns(() -> runCommand(words, out));
            }
            out.flush();
            vocabulary.reload(rootArgs);
            bar.redraw();
        }
    }

    /** Runs one command line in its own thread, which Ctrl-C interrupts. */
    private int runCommand(List<String> words, PrintWriter out) {
        List<String> args = new ArrayList<>(rootArgs);
        args.addAll(words);
        AtomicInteger code = new AtomicInteger();
        Thread worker = new Thread(() -> code.set(runner.run(out, out, args.toArray(String[]::new))),
                "berth-shell-command");
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> worker.interrupt());
        try {
            worker.start();
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
        out.flush();
        return code.get();
    }

    /** {@code use FILE...}: the following commands use these compose files instead. */
    private void use(List<String> files, PrintWriter out) {
        if (files.isEmpty()) {
            out.println("usage: use FILE... (the compose files for the following commands)");
            return;
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < rootArgs.size(); i++) {
            String a = rootArgs.get(i);
            if (a.equals("-f") || a.equals("--file")) {
                i++;
            } else if (!a.startsWith("--file=")) {
                args.add(a);
            }
        }
        for (String f : files) {
            args.add("-f");
            args.add(f);
        }
        rootArgs = List.copyOf(args);
        status = new StackStatus(tree, rootArgs);
        bar.follow(status);
        out.println("now using " + String.join(", ", files));
    }

    private String prompt() {
        return "berth" + vocabulary.projectName().map(n -> ":" + n).orElse("") + "> ";
    }

    private static void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the shell history: " + e.getMessage(), e);
        }
    }

    /** {@code $BERTH_HISTORY} (relative to the working directory), else {@code ~/.berth_history}. */
    static Path historyFile(Invocation caller) {
        String configured = caller.getenv("BERTH_HISTORY");
        return configured != null && !configured.isBlank() ? caller.resolve(configured)
                : Path.of(System.getProperty("user.home"), ".berth_history");
    }
}
