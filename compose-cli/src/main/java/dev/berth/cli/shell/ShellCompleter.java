package dev.berth.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completes a shell line from the command tree: subcommand names (and the shell's own words) first, then the
 * options of the command being typed, the values of {@code --profile}, and service names where the command takes
 * SERVICE arguments.
 */
final class ShellCompleter implements Completer {
    private final CommandLine tree;
    private final Set<String> builtins;
    private final ProjectVocabulary vocabulary;

    ShellCompleter(CommandLine tree, Set<String> builtins, ProjectVocabulary vocabulary) {
        this.tree = tree;
        this.builtins = builtins;
        this.vocabulary = vocabulary;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates(line.words(), line.wordIndex()).forEach(word -> candidates.add(new Candidate(word)));
    }

    /** The words that may stand at {@code index} after {@code words} (the word at {@code index} is being typed). */
    List<String> candidates(List<String> words, int index) {
        List<String> out = new ArrayList<>();
        if (index == 0) {
            out.addAll(tree.getSubcommands().keySet());
            out.addAll(builtins);
            return out;
        }
        CommandLine command = tree.getSubcommands().get(words.get(0));
        if (command == null) {
            return out;
        }
        for (int i = 1; i < index && command.getSubcommands().containsKey(words.get(i)); i++) {
            command = command.getSubcommands().get(words.get(i));
        }
        CommandSpec spec = command.getCommandSpec();
        String current = index < words.size() ? words.get(index) : "";
        Optional<OptionSpec> valueOf = option(spec, words.get(index - 1)).filter(o -> o.arity().max() > 0
                && !o.type().equals(boolean.class));
        if (valueOf.isPresent()) {
            if (List.of(valueOf.get().names()).contains("--profile")) {
                out.addAll(vocabulary.profiles());
            }
            return out;
        }
        if (current.startsWith("-")) {
            spec.options().forEach(o -> out.addAll(List.of(o.names())));
            return out;
        }
        out.addAll(command.getSubcommands().keySet());
        if (spec.positionalParameters().stream().map(PositionalParamSpec::paramLabel)
                .anyMatch(label -> label.startsWith("SERVICE"))) {
            out.addAll(vocabulary.services());
        }
        return out;
    }

    private Optional<OptionSpec> option(CommandSpec spec, String word) {
        OptionSpec own = spec.findOption(word);
        return own != null ? Optional.of(own) : Optional.ofNullable(tree.getCommandSpec().findOption(word));
    }
}
