package dev.berth.engine.event;

import dev.berth.engine.plan.PlanStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Progress of a plan execution. Events are delivered in order, from the thread that called the executor, so a
 * consumer needs no synchronisation. Renderers (tty, plain, json) live in the CLI.
 */
public sealed interface EngineEvent {

  /** When it happened, on the executor's clock. */
  Instant at();

  /** A step was handed to a worker. */
  record StepStarted(Instant at, PlanStep step) implements EngineEvent {
    public StepStarted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(step, "step");
    }
  }

  /** A step finished successfully. */
  record StepSucceeded(Instant at, PlanStep step, Duration elapsed) implements EngineEvent {
    public StepSucceeded {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }

  /** A step failed but was optional (e.g. a {@code required: false} dependency); execution continues. */
  record StepWarning(Instant at, PlanStep step, String message) implements EngineEvent {
    public StepWarning {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A step failed; its dependents will be cancelled. */
  record StepFailed(Instant at, PlanStep step, String message) implements EngineEvent {
    public StepFailed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A step did not run, because a step it depends on failed or the execution was interrupted. */
  record StepCancelled(Instant at, PlanStep step, String reason) implements EngineEvent {
    public StepCancelled {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The last event of an execution. */
  record ExecutionFinished(Instant at, int succeeded, int failed, int cancelled, boolean interrupted)
      implements EngineEvent {
    public ExecutionFinished {
      Objects.requireNonNull(at, "at");
    }
  }

  /** Progress of a {@code PullImage} step: a layer found, arriving or done, then the image's outcome. */
  record PullProgress(Instant at, PlanStep step, dev.berth.runtime.PullEvent event) implements EngineEvent {
    public PullProgress {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(event, "event");
    }
  }

  /** Progress of a {@code PushImage} step: a layer found, mounted, leaving or done, then the pushed digest. */
  record PushProgress(Instant at, PlanStep step, dev.berth.runtime.PushEvent event) implements EngineEvent {
    public PushProgress {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(event, "event");
    }
  }

  /** Progress of a {@code BuildImage} step: a Dockerfile step, a cache hit, an output line, a warning. */
  record BuildProgress(Instant at, PlanStep step, dev.berth.runtime.BuildEvent event) implements EngineEvent {
    public BuildProgress {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(event, "event");
    }
  }
}
