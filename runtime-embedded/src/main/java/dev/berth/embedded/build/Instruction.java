package dev.berth.embedded.build;

import java.util.List;
import java.util.Optional;

/**
 * One parsed Dockerfile instruction: upper-case keyword, leading {@code --flags} in order, the rest of the line
 * (continuations joined), the exec-form arguments when the rest is a JSON array (else null), heredocs, and the
 * 1-based line where it starts.
 */
public record Instruction(int line, String keyword, List<Flag> flags, String rest, List<String> execForm,
                          List<Heredoc> heredocs, String original) {

    /** A {@code --name=value} flag; value is null for a bare {@code --name}. */
    public record Flag(String name, String value) {
    }

    /** A heredoc body: {@code <<[-]["]NAME["]}; {@code expand} is false when the delimiter was quoted. */
    public record Heredoc(String name, String body, boolean expand, boolean stripTabs) {
    }

    public Instruction {
        flags = List.copyOf(flags);
        execForm = execForm == null ? null : List.copyOf(execForm);
        heredocs = List.copyOf(heredocs);
    }

    public boolean isExecForm() {
        return execForm != null;
    }

    public Optional<String> flag(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).map(f -> f.value() == null ? "true" : f.value())
                .reduce((a, b) -> b);
    }

    public List<String> flags(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).map(Flag::value).toList();
    }

    @Override
    public String toString() {
        return original;
    }
}
