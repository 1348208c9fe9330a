package dev.berth.engine.execute;

import dev.berth.engine.plan.PlanStep;
import java.util.Objects;

/** How one step ended; {@code message} explains failures, warnings and cancellations ("" on success). */
public record StepResult(PlanStep step, Outcome outcome, String message) {
  public enum Outcome { SUCCEEDED, WARNED, FAILED, CANCELLED }

  public StepResult {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }
}
