package dev.berth.model.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects the problems of one loading phase so that all of them are reported at once.
 * Warnings go to the listener as they are found; errors are thrown together by {@link #throwIfErrors()}.
 */
public final class Problems {

    private final List<Problem> errors = new ArrayList<>();
    private final Consumer<Problem> warnings;

    public Problems(Consumer<Problem> warnings) {
        this.warnings = warnings;
    }

    public void add(Problem problem) {
        if (problem.isError()) {
            errors.add(problem);
        } else {
            warnings.accept(problem);
        }
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<Problem> errors() {
        return List.copyOf(errors);
    }

    public Consumer<Problem> warnings() {
        return warnings;
    }

    public void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw new ComposeException(errors);
        }
    }
}
