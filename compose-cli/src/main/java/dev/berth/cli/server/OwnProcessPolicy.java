package dev.berth.cli.server;

import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.root.OwnProcessCommand;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Which command lines the server refuses so that the launcher runs them in a JVM of their own: {@code berth} alone
 * on a terminal (the shell), commands that say so ({@link OwnProcessCommand}: shell, {@code run} with a TTY,
 * {@code engine}, {@code cli-server}), and anything on the in-process engine, whose containers live only as long as
 * the process that started them. Command lines that do not parse run in the server, which reports the error.
 */
final class OwnProcessPolicy {
    private static final String IN_PROCESS_RUNTIME = "embedded-in-process";

    private final CommandLines commands;

    OwnProcessPolicy(CommandLines commands) {
        this.commands = commands;
    }

    Optional<String> reason(Invocation caller, String... args) {
        if (args.length == 0) {
            return caller.terminal().interactive() ? Optional.of("berth alone on a terminal opens the shell")
                    : Optional.empty();
        }
        CommandLine tree = commands.treeFor(caller, args);
        ParseResult parsed;
        try {
            parsed = tree.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
        BerthCommand root = tree.getCommand();
        String runtime = root.engineOptions().runtime() != null ? root.engineOptions().runtime()
                : caller.getenv("BERTH_RUNTIME");
        if (IN_PROCESS_RUNTIME.equals(runtime)) {
            return Optional.of("the in-process engine keeps containers only while its process runs");
        }
        ParseResult deepest = parsed;
        while (deepest.hasSubcommand()) {
            deepest = deepest.subcommand();
        }
        if (deepest.commandSpec().userObject() instanceof OwnProcessCommand own) {
            return own.ownProcessReason(caller);
        }
        return Optional.empty();
    }
}
