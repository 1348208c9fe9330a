package dev.berth.cli;

import dev.berth.cli.config.ConfigCommand;
import dev.berth.cli.down.DownCommand;
import dev.berth.cli.exec.ExecCommand;
import dev.berth.cli.images.ImagesCommand;
import dev.berth.cli.create.CreateCommand;
import dev.berth.cli.kill.KillCommand;
import dev.berth.cli.pause.PauseCommand;
import dev.berth.cli.restart.RestartCommand;
import dev.berth.cli.rm.RmCommand;
import dev.berth.cli.start.StartCommand;
import dev.berth.cli.stop.StopCommand;
import dev.berth.cli.unpause.UnpauseCommand;
import dev.berth.cli.logs.LogsCommand;
import dev.berth.cli.ls.LsCommand;
import dev.berth.cli.port.PortCommand;
import dev.berth.cli.ps.PsCommand;
import dev.berth.cli.run.RunCommand;
import dev.berth.cli.scale.ScaleCommand;
import dev.berth.cli.top.TopCommand;
import dev.berth.cli.up.UpCommand;
import dev.berth.cli.version.VersionCommand;
import dev.berth.cli.wait.WaitCommand;
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
        subcommands = {ConfigCommand.class, UpCommand.class, DownCommand.class, CreateCommand.class,
                StartCommand.class, StopCommand.class, RestartCommand.class, RmCommand.class, KillCommand.class,
                PauseCommand.class, UnpauseCommand.class, PsCommand.class, LogsCommand.class, TopCommand.class,
                PortCommand.class, LsCommand.class, ImagesCommand.class, ExecCommand.class, RunCommand.class,
                WaitCommand.class, ScaleCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class BerthCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ProjectOptions project;

    @CommandLine.Mixin
    EngineOptions engine;

    /** The engine flags ({@code --dry-run}, {@code --parallel}, {@code --runtime}, {@code --progress}, {@code --ansi}). */
    public EngineOptions engineOptions() {
        return engine;
    }

    /** The project flags, wherever on the command line they were given. */
    public ProjectOptions projectOptions() {
        return project;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BerthCommand());
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // the command of exec and run starts at SERVICE: "run web sh -c ..." must not parse -c as an option
        cli.getSubcommands().get("exec").setStopAtPositional(true);
        cli.getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }
}
