package dev.berth.cli.completion;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth completion bash|zsh}: prints a completion script generated from the command tree (commands,
 * subcommands, options, enum values). zsh uses the same script through {@code bashcompinit}, which the script
 * loads itself when it runs under zsh.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script.",
            "bash: source <(berth completion bash)   (or save it in /etc/bash_completion.d/berth)",
            "zsh:  source <(berth completion zsh)"})
public final class CompletionCommand implements Callable<Integer> {

    /** The shells there are scripts for. */
    public enum Shell { bash, zsh }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    private final Supplier<CommandLine> tree;

    /** {@code tree} builds the whole command tree the script completes. */
    public CompletionCommand(Supplier<CommandLine> tree) {
        this.tree = tree;
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("berth", tree.get());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
