package dev.berth.engine.compose;

import dev.berth.engine.execute.ExecutionResult;
import dev.berth.engine.plan.Plan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan an operation made, its execution (empty for {@code --dry-run}) and the problems found after executing
 * (e.g. {@code --wait} failures), one message each.
 */
public record Outcome(Plan plan, Optional<ExecutionResult> execution, List<String> errors) {
  public Outcome {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(execution, "execution");
    errors = List.copyOf(errors);
  }

  /** True when the plan ran (or only was planned) without failed steps and without errors. */
  public boolean succeeded() {
    return errors.isEmpty() && execution.map(ExecutionResult::succeeded).orElse(true);
  }
}
