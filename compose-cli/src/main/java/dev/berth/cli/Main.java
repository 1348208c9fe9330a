package dev.berth.cli;

import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.invocation.StandardStreams;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code berth} command. */
public final class Main {

    private Main() {
    }

    /** {@code berth} alone on a terminal opens the shell; elsewhere it prints the usage. */
    public static void main(String[] args) {
        Invocation process = Invocation.ofProcess();
        boolean interactive = args.length == 0 && process.terminal().interactive();
        String[] effective = interactive ? new String[] {"shell"} : args;
        int code;
        try {
            code = CommandTree.commandLineFor(process, effective).execute(effective);
        } finally {
            process.resources().closeAll();
        }
        System.exit(code);
    }

    /**
     * Runs the command line for {@code caller}, writing text to {@code out} and {@code err}; closes what the run
     * opened and returns its exit code.
     */
    public static int run(Invocation caller, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = CommandTree.commandLineFor(caller, args);
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            caller.resources().closeAll();
        }
    }

    /** Runs the command line in this process writing to {@code out} and {@code err}; returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Invocation.ofProcess(), out, err, args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)} with {@code streams} as stdin and stdout bytes. */
    public static int run(StandardStreams streams, PrintWriter out, PrintWriter err, String... args) {
        return run(Invocation.ofProcess().withStreams(streams), out, err, args);
    }
}
