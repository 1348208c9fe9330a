package dev.berth.cli;

import dev.berth.cli.config.ConfigCommand;
import dev.berth.cli.support.ErrorHandler;
import dev.berth.cli.support.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** The root command: global project flags live in {@link ProjectOptions}, each subcommand does one thing. */
@Command(name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Define and run multi-container applications from Compose files.",
        subcommands = {ConfigCommand.class, CommandLine.HelpCommand.class})
public final class BerthCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ProjectOptions project;

    /** The project flags, wherever on the command line they were given. */
    public ProjectOptions projectOptions() {
        return project;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BerthCommand());
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
