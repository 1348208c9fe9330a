package dev.berth.model.problem;

import java.util.List;
import java.util.stream.Collectors;

/** Loading failed: carries every problem found, not only the first. */
public class ComposeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ComposeException(List<Problem> problems) {
        super(problems.stream().map(Problem::render).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public ComposeException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
