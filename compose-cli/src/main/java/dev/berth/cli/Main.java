package dev.berth.cli;

import picocli.CommandLine;

/** Entry point of the {@code berth} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; used by tests too. */
    public static int run(String... args) {
        CommandLine cli = BerthCommand.commandLine();
        return cli.execute(args);
    }
}
