package dev.berth.cli.completion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth completion bash|zsh}: prints a completion script for the shell. The scripts are small: on every TAB
 * they ask {@code berth __complete} ({@link CompleteCommand}), which answers from the command tree and the project,
 * so the completions follow the commands, options, services and profiles there are.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script (commands, options, values, service names, profiles).",
            "bash: source <(berth completion bash)   (or save it as /etc/bash_completion.d/berth)",
            "zsh:  source <(berth completion zsh)    (after compinit; or save it as _berth in a directory of $fpath)"})
public final class CompletionCommand implements Callable<Integer> {

    /** The shells there are scripts for. */
    public enum Shell { bash, zsh }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(shell));
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String script(Shell shell) {
        String name = "berth." + shell.name();
        try (InputStream in = CompletionCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the completion script " + name + " is missing from the berth jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the completion script " + name, e);
        }
    }
}
