package dev.berth.cli.shell;

import java.io.PrintWriter;

/** Runs one berth command line, writing to {@code out} and {@code err}; returns its exit code. */
@FunctionalInterface
public interface CommandRunner {
    int run(PrintWriter out, PrintWriter err, String... args);
}
