package dev.berth.cli;

import dev.berth.cli.completion.CompleteCommand;
import dev.berth.cli.completion.CompletionCommand;
import dev.berth.cli.completion.ManCommand;
import dev.berth.cli.config.ConfigCommand;
import dev.berth.cli.create.CreateCommand;
import dev.berth.cli.down.DownCommand;
import dev.berth.cli.engine.EngineCommand;
import dev.berth.cli.exec.ExecCommand;
import dev.berth.cli.image.ImageCommand;
import dev.berth.cli.images.ImagesCommand;
import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.kill.KillCommand;
import dev.berth.cli.logs.LogsCommand;
import dev.berth.cli.ls.LsCommand;
import dev.berth.cli.pause.PauseCommand;
import dev.berth.cli.port.PortCommand;
import dev.berth.cli.ps.PsCommand;
import dev.berth.cli.restart.RestartCommand;
import dev.berth.cli.rm.RmCommand;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.run.RunCommand;
import dev.berth.cli.scale.ScaleCommand;
import dev.berth.cli.server.CliServerCommand;
import dev.berth.cli.server.CommandLines;
import dev.berth.cli.stack.StackCommand;
import dev.berth.cli.shell.ShellCommand;
import dev.berth.cli.start.StartCommand;
import dev.berth.cli.stop.StopCommand;
import dev.berth.cli.support.ErrorHandler;
import dev.berth.cli.top.TopCommand;
import dev.berth.cli.unpause.UnpauseCommand;
import dev.berth.cli.up.UpCommand;
import dev.berth.cli.version.VersionCommand;
import dev.berth.cli.wait.WaitCommand;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The berth command tree: the root command and its subcommands, with the error handling every run shares. */
public final class CommandTree {

    private CommandTree() {
    }

    /**
     * Every subcommand, in the order {@code --help} lists them. They are built on demand: a command line that
     * names one subcommand builds only that one, which keeps start-up lean.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    /** The tree as the CLI server uses it. */
    private static final CommandLines COMMAND_LINES = new CommandLines() {
        @Override
        public CommandLine treeFor(Invocation caller, String... args) {
            return commandLineFor(caller, args);
        }

        @Override
        public int run(Invocation caller, PrintWriter out, PrintWriter err, String... args) {
            return Main.run(caller, out, err, args);
        }
    };

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("config", ConfigCommand::new);
        all.put("up", UpCommand::new);
        all.put("down", DownCommand::new);
        all.put("create", CreateCommand::new);
        all.put("build", dev.berth.cli.build.BuildCommand::new);
        all.put("start", StartCommand::new);
        all.put("stop", StopCommand::new);
        all.put("restart", RestartCommand::new);
        all.put("rm", RmCommand::new);
        all.put("kill", KillCommand::new);
        all.put("pause", PauseCommand::new);
        all.put("unpause", UnpauseCommand::new);
        all.put("ps", PsCommand::new);
        all.put("logs", LogsCommand::new);
        all.put("top", TopCommand::new);
        all.put("events", dev.berth.cli.events.EventsCommand::new);
        all.put("cp", dev.berth.cli.cp.CpCommand::new);
        all.put("port", PortCommand::new);
        all.put("ls", LsCommand::new);
        all.put("images", ImagesCommand::new);
        all.put("image", ImageCommand::new);
        all.put("exec", ExecCommand::new);
        all.put("attach", dev.berth.cli.attach.AttachCommand::new);
        all.put("run", RunCommand::new);
        all.put("wait", WaitCommand::new);
        all.put("scale", ScaleCommand::new);
        all.put("stack", StackCommand::new);
        all.put("engine", EngineCommand::new);
        all.put("pull", dev.berth.cli.pull.PullCommand::new);
        all.put("push", dev.berth.cli.push.PushCommand::new);
        all.put("login", dev.berth.cli.login.LoginCommand::new);
        all.put("logout", dev.berth.cli.login.LogoutCommand::new);
        all.put("version", VersionCommand::new);
        all.put("shell", () -> new ShellCommand(CommandTree::commandLine, Main::run));
        all.put("completion", CompletionCommand::new);
        all.put("__complete", () -> new CompleteCommand(CommandTree::commandLine));
        all.put("man", () -> new ManCommand(CommandTree::commandLine));
        all.put("cli-server", () -> new CliServerCommand(COMMAND_LINES));
        return Collections.unmodifiableMap(all);
    }

    /** The whole command tree. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet());
    }

    /**
     * The command tree that {@code args} needs, run for {@code caller}: only the subcommand they name, or all when
     * they name none.
     */
    public static CommandLine commandLineFor(Invocation caller, String... args) {
        CommandLine root = commandLine(Set.of());
        CommandLine cli = SubcommandLocator.find(root.getCommandSpec(), args)
                .filter(SUBCOMMANDS::containsKey)
                .map(name -> commandLine(Set.of(name)))
                .orElseGet(CommandTree::commandLine);
        ((BerthCommand) cli.getCommand()).use(caller);
        return cli;
    }

    private static CommandLine commandLine(Set<String> names) {
        CommandLine cli = new CommandLine(new BerthCommand());
        SUBCOMMANDS.forEach((name, factory) -> {
            if (names.contains(name)) {
                cli.addSubcommand(factory.get());
            }
        });
        if (names.size() != 1) {
            cli.addSubcommand(new CommandLine.HelpCommand());
        }
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // the command of exec and run starts at SERVICE: "run web sh -c ..." must not parse -c as an option
        for (String name : List.of("exec", "run")) {
            CommandLine sub = cli.getSubcommands().get(name);
            if (sub != null) {
                sub.setStopAtPositional(true);
            }
        }
        return cli;
    }
}
