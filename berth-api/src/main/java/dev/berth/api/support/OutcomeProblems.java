package dev.berth.api.support;

import dev.berth.engine.compose.Outcome;
import dev.berth.engine.execute.StepResult;
import java.util.ArrayList;
import java.util.List;

/** The problems of an engine {@link Outcome} as messages: its failed steps with their cause, then its errors. */
public final class OutcomeProblems {

    private OutcomeProblems() {
    }

    public static List<String> of(Outcome outcome) {
        List<String> out = new ArrayList<>();
        outcome.execution().ifPresent(e -> {
            for (StepResult r : e.failures()) {
                out.add(r.step().operation() + ": " + r.message());
            }
            if (e.interrupted()) {
                out.add("interrupted");
            }
        });
        out.addAll(outcome.errors());
        return out;
    }

    /** The problems joined with "; ", or "unknown failure" when there are none. */
    public static String summary(Outcome outcome) {
        List<String> problems = of(outcome);
        return problems.isEmpty() ? "unknown failure" : String.join("; ", problems);
    }
}
