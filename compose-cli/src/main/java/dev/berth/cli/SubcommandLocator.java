package dev.berth.cli;

import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Finds the subcommand a command line names: the first argument that is neither a root option nor its value. */
final class SubcommandLocator {

    private SubcommandLocator() {
    }

    static Optional<String> find(CommandSpec root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return Optional.empty();
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return Optional.of(arg);
            }
            if (arg.contains("=")) {
                continue;
            }
            OptionSpec option = root.findOption(arg);
            if (option != null && option.arity().max() > 0) {
                i++; // skip the option's value
            }
        }
        return Optional.empty();
    }
}
