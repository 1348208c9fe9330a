package dev.berth.cli.shell;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.error.UserException;
import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.root.OwnProcessCommand;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code berth shell} (and {@code berth} alone on a terminal): an interactive shell on the project, with the
 * root flags given before {@code shell} applied to every command typed.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Interactive shell on the project: the berth commands with completion, history and a status bar.")
public final class ShellCommand implements Callable<Integer>, OwnProcessCommand {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Supplier<CommandLine> tree;
    private final CommandRunner runner;

    /** {@code tree} builds the whole command tree; {@code runner} runs one command line of it. */
    public ShellCommand(Supplier<CommandLine> tree, CommandRunner runner) {
        this.tree = tree;
        this.runner = runner;
    }

    @Override
    public Optional<String> ownProcessReason(Invocation caller) {
        return Optional.of("the shell reads the terminal itself");
    }

    @Override
    public Integer call() {
        List<String> rootArgs = rootArgs();
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("berth").build()) {
            return new Repl(terminal, tree, runner, rootArgs, BerthCommand.invocation(spec)).run();
        } catch (IOException e) {
            throw new UserException("berth: cannot open the terminal: " + e.getMessage() + " (run berth shell in a terminal)", ExitCodes.INPUT_ERROR);
        }
    }

    /** The arguments the root command was given before {@code shell}. */
    private List<String> rootArgs() {
        List<String> original = spec.commandLine().getParent().getParseResult().originalArgs();
        int at = original.lastIndexOf("shell");
        return at < 0 ? List.of() : List.copyOf(original.subList(0, at));
    }
}
