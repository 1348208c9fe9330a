package dev.berth.cli;

import picocli.CommandLine;

/** Entry point of the {@code berth} command. */
public final class Main {

    private Main() {
    }

    /** {@code berth} alone on a terminal opens the shell; elsewhere it prints the usage. */
    public static void main(String[] args) {
        boolean interactive = args.length == 0 && System.console() != null;
        System.exit(run(interactive ? new String[] {"shell"} : args));
    }

    /** Runs the command line and returns its exit code; used by tests too. */
    public static int run(String... args) {
        CommandLine cli = CommandTree.commandLineFor(args);
        return cli.execute(args);
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns its exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = CommandTree.commandLineFor(args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** As {@link #run(java.io.PrintWriter, java.io.PrintWriter, String...)} with {@code streams} as stdin and stdout bytes. */
    public static int run(dev.berth.cli.root.StandardStreams streams, java.io.PrintWriter out, java.io.PrintWriter err,
            String... args) {
        CommandLine cli = CommandTree.commandLineFor(args);
        ((dev.berth.cli.root.BerthCommand) cli.getCommand()).useStreams(streams);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }
}
