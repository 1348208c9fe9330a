package dev.berth.cli.shell;

import dev.berth.cli.completion.Completions;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Completes a shell line as {@code berth completion} scripts complete a command line: through {@link Completions}. */
final class ShellCompleter implements Completer {
    private final Completions completions;

    ShellCompleter(Completions completions) {
        this.completions = completions;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        completions.at(line.words(), line.wordIndex()).forEach(word -> candidates.add(new Candidate(word)));
    }
}
