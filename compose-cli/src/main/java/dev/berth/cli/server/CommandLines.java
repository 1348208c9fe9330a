package dev.berth.cli.server;

import dev.berth.cli.invocation.Invocation;
import java.io.PrintWriter;
import picocli.CommandLine;

/** What the server needs of the command tree, handed in by it (the tree knows the server, not the other way). */
public interface CommandLines {

    /** The command tree for {@code args}, run for {@code caller}. */
    CommandLine treeFor(Invocation caller, String... args);

    /** Runs {@code args} for {@code caller}, text to {@code out} and {@code err}; closes what it opened. */
    int run(Invocation caller, PrintWriter out, PrintWriter err, String... args);
}
