package dev.berth.cli.completion;

import dev.berth.cli.root.BerthCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth __complete INDEX -- WORDS...}, what the scripts of {@code berth completion} run on every TAB: prints
 * the words that may stand at {@code INDEX} of the command line {@code WORDS} ({@code WORDS[0]} is the berth
 * command), one per line, with the services and profiles of the project that the root flags among the words select.
 */
@Command(name = "__complete", hidden = true,
        description = "Print the completions of word INDEX of the command line WORDS (for the completion scripts).")
public final class CompleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INDEX", description = "Index in WORDS of the word being completed")
    int index;

    @Parameters(index = "1..*", paramLabel = "WORDS", description = "The command line, starting with berth")
    List<String> words = List.of();

    private final Supplier<CommandLine> tree;

    /** {@code tree} builds the whole command tree to complete from. */
    public CompleteCommand(Supplier<CommandLine> tree) {
        this.tree = tree;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (index >= 1 && index <= words.size()) {
            CommandLine cli = tree.get();
            List<String> typed = words.subList(1, words.size());
            ProjectVocabulary vocabulary = new ProjectVocabulary(tree,
                    rootOptions(cli.getCommandSpec(), typed.subList(0, index - 1)), BerthCommand.invocation(spec));
            new Completions(cli, Set.of(), vocabulary).at(typed, index - 1).forEach(out::println);
        }
        out.flush();
        return 0;
    }

    /** The root options with their values that {@code words} start with: what selects the project. */
    private static List<String> rootOptions(CommandSpec root, List<String> words) {
        int end = 0;
        while (end < words.size() && words.get(end).startsWith("-")) {
            OptionSpec option = root.findOption(words.get(end));
            int width = option != null && option.arity().max() > 0 ? 2 : 1;
            if (end + width > words.size()) {
                break;
            }
            end += width;
        }
        return words.subList(0, end);
    }
}
