package dev.berth.engine.execute;

import java.util.List;

/** Every step's result in step order, and whether the execution was interrupted. */
public record ExecutionResult(List<StepResult> results, boolean interrupted) {
  public ExecutionResult {
    results = List.copyOf(results);
  }

  /** True when every step succeeded or only warned. */
  public boolean succeeded() {
    return !interrupted && results.stream().allMatch(r -> r.outcome() == StepResult.Outcome.SUCCEEDED
        || r.outcome() == StepResult.Outcome.WARNED);
  }

  public List<StepResult> failures() {
    return results.stream().filter(r -> r.outcome() == StepResult.Outcome.FAILED).toList();
  }

  public List<StepResult> withOutcome(StepResult.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }
}
