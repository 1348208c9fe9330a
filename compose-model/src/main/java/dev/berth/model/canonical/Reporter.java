package dev.berth.model.canonical;

import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.Node;

/** Turns a rejected short syntax into a located {@link Problem}. */
final class Reporter {

    private final Problems problems;

    Reporter(Problems problems) {
        this.problems = problems;
    }

    void error(Node at, String path, String message, String hint) {
        problems.add(Problem.error(at.location(), path, at.describe(), message, "compose-spec canonical form", hint));
    }

    void warning(Node at, String path, String message, String hint) {
        problems.add(Problem.warning(at.location(), path, at.describe(), message, "compose-spec canonical form", hint));
    }
}
