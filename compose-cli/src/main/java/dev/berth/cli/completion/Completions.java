package dev.berth.cli.completion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The words that may stand at a place of a berth command line, from the command tree and the project's names. The
 * words before that place select the command: options and their values are skipped, and while no positional
 * parameter was given a word that names a subcommand goes down to it. The word at the place is then an option of
 * that command, the value of the option before it ({@code --profile}: the profiles; SERVICE: the services; enums:
 * their values), or the positional parameter at its position (SERVICE...: the services; enums: their values; the
 * first one also the subcommands). Only the words that start with what is already typed there are offered.
 */
public final class Completions {
    private final CommandLine tree;
    private final Set<String> topWords;
    private final ProjectVocabulary vocabulary;

    /** {@code topWords} are offered besides the commands as the first word (the shell's own words). */
    public Completions(CommandLine tree, Set<String> topWords, ProjectVocabulary vocabulary) {
        this.tree = tree;
        this.topWords = Set.copyOf(topWords);
        this.vocabulary = vocabulary;
    }

    /** The words that may stand at {@code index} of {@code words} (the word there, if any, is being typed). */
    public List<String> at(List<String> words, int index) {
        String typed = index < words.size() ? words.get(index) : "";
        CommandLine command = tree;
        int positionals = 0;
        for (int i = 0; i < index; i++) {
            String word = words.get(i);
            boolean optionsEnded = positionals > 0 && command.isStopAtPositional();
            Optional<OptionSpec> option = optionsEnded ? Optional.empty() : option(command, word);
            if (option.isPresent()) {
                if (takesValue(option.get())) {
                    if (i + 1 == index) {
                        return matching(values(option.get()), typed);
                    }
                    i++;
                }
            } else if (positionals == 0 && subcommands(command).containsKey(word)) {
                command = subcommands(command).get(word);
            } else if (optionsEnded || !word.startsWith("-")) {
                positionals++;
            }
        }
        return matching(typed.startsWith("-") ? optionNames(command) : positional(command, positionals), typed);
    }

    private List<String> positional(CommandLine command, int position) {
        List<String> out = new ArrayList<>();
        if (position == 0) {
            out.addAll(subcommands(command).keySet());
            if (command == tree) {
                out.addAll(topWords);
            }
        }
        command.getCommandSpec().positionalParameters().stream().filter(p -> p.index().contains(position))
                .findFirst().ifPresent(p -> out.addAll(values(p)));
        return out;
    }

    private List<String> values(ArgSpec arg) {
        if (arg.paramLabel().startsWith("SERVICE")) {
            return List.copyOf(vocabulary.services());
        }
        if (arg instanceof OptionSpec o && List.of(o.names()).contains("--profile")) {
            return List.copyOf(vocabulary.profiles());
        }
        List<String> out = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(out::add);
        }
        return out;
    }

    private static List<String> optionNames(CommandLine command) {
        List<String> out = new ArrayList<>();
        command.getCommandSpec().options().stream().filter(o -> !o.hidden()).forEach(o -> out.addAll(List.of(o.names())));
        return out;
    }

    /** The subcommands {@code --help} lists. */
    private static Map<String, CommandLine> subcommands(CommandLine command) {
        Map<String, CommandLine> visible = new LinkedHashMap<>();
        command.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                visible.put(name, sub);
            }
        });
        return visible;
    }

    /** The command's own option named {@code word}, else the root's (in the shell the root flags can follow). */
    private Optional<OptionSpec> option(CommandLine command, String word) {
        OptionSpec own = command.getCommandSpec().findOption(word);
        return own != null ? Optional.of(own) : Optional.ofNullable(tree.getCommandSpec().findOption(word));
    }

    private static boolean takesValue(OptionSpec option) {
        return option.arity().max() > 0 && !option.type().equals(boolean.class);
    }

    private static List<String> matching(List<String> candidates, String typed) {
        return candidates.stream().filter(c -> c.startsWith(typed)).distinct().toList();
    }
}
