package dev.berth.engine.execute;

import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.plan.Plan;
import dev.berth.engine.plan.PlanStep;
import dev.berth.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a {@link Plan} on a runtime: a DAG walk that starts each step once all its dependencies succeeded, with at
 * most {@link ExecutorOptions#parallelLimit()} steps in flight. It makes no decisions. A failed step cancels every
 * step depending on it (transitively) with a message naming the failed step; an optional dependency wait that fails
 * only warns. Interrupting the calling thread stops cleanly: running steps are interrupted, the rest cancelled.
 */
public final class PlanExecutor {
  private final ContainerRuntime runtime;
  private final Clock clock;
  private final ExecutorOptions options;

  public PlanExecutor(ContainerRuntime runtime, Clock clock, ExecutorOptions options) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Executes {@code plan}, reporting progress to {@code events} (called on this thread only). */
  public ExecutionResult execute(Plan plan, Consumer<EngineEvent> events) {
    return new Run(plan, events).execute();
  }

  /** What a worker reports to the calling thread: a finished step, or progress of a running one. */
  private sealed interface Message {}

  private record Completion(PlanStep step, Throwable failure, Duration elapsed) implements Message {}

  private record Progress(EngineEvent event) implements Message {}

  /** The state of one execution. */
  private final class Run {
    private final Plan plan;
    private final Consumer<EngineEvent> events;
    private final StepResult[] results;
    private final int[] waitingFor;
    private final List<List<Integer>> dependents = new ArrayList<>();
    private final PriorityQueue<Integer> ready = new PriorityQueue<>();
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final OperationRunner runner;
    private int inFlight;

    Run(Plan plan, Consumer<EngineEvent> events) {
      this.plan = plan;
      this.events = events;
      int n = plan.steps().size();
      results = new StepResult[n + 1];
      waitingFor = new int[n + 1];
      for (int i = 0; i <= n; i++) {
        dependents.add(new ArrayList<>());
      }
      for (PlanStep s : plan.steps()) {
        waitingFor[s.id()] = s.dependsOn().size();
        s.dependsOn().forEach(d -> dependents.get(d).add(s.id()));
        if (s.dependsOn().isEmpty()) {
          ready.add(s.id());
        }
      }
      runner = new OperationRunner(runtime, new Readiness(runtime, clock, options), options.logins(), clock);
    }

    ExecutionResult execute() {
      ExecutorService pool = Executors.newFixedThreadPool(options.parallelLimit(), r -> {
        Thread t = new Thread(r, "berth-plan-worker");
        t.setDaemon(true);
        return t;
      });
      boolean interrupted = false;
      try {
        while (!ready.isEmpty() || inFlight > 0) {
          while (inFlight < options.parallelLimit() && !ready.isEmpty()) {
            submit(pool, plan.step(ready.poll()));
          }
          Message m = messages.take();
          if (m instanceof Progress p) {
            events.accept(p.event());
          } else {
            complete((Completion) m);
          }
        }
      } catch (InterruptedException e) {
        interrupted = true;
        pool.shutdownNow();
        drainAfterInterrupt();
        Thread.currentThread().interrupt();
      } finally {
        pool.shutdownNow();
      }
      return finish(interrupted);
    }

    private void submit(ExecutorService pool, PlanStep step) {
      inFlight++;
      events.accept(new EngineEvent.StepStarted(clock.instant(), step));
      pool.execute(() -> {
        Instant start = clock.instant();
        Throwable failure = null;
        try {
          runner.run(step, e -> messages.add(new Progress(e)));
        } catch (InterruptedException e) {
          failure = e;
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          failure = e;
        }
        messages.add(new Completion(step, failure, Duration.between(start, clock.instant())));
      });
    }

    private void complete(Completion c) {
      inFlight--;
      PlanStep step = c.step();
      if (c.failure() == null) {
        record(new StepResult(step, StepResult.Outcome.SUCCEEDED, ""));
        events.accept(new EngineEvent.StepSucceeded(clock.instant(), step, c.elapsed()));
        release(step);
        return;
      }
      String message = message(c.failure());
      if (step.operation() instanceof dev.berth.engine.plan.Operation.AwaitService a && !a.required()) {
        record(new StepResult(step, StepResult.Outcome.WARNED, message));
        events.accept(new EngineEvent.StepWarning(clock.instant(), step, message + " (optional dependency)"));
        release(step);
        return;
      }
      record(new StepResult(step, StepResult.Outcome.FAILED, message));
      events.accept(new EngineEvent.StepFailed(clock.instant(), step, message));
      cancelDependents(step, "#" + step.id() + " " + step.operation().kind() + " " + step.operation().target()
          + " failed: " + message);
    }

    private void release(PlanStep step) {
      for (int d : dependents.get(step.id())) {
        if (--waitingFor[d] == 0 && results[d] == null) {
          ready.add(d);
        }
      }
    }

    private void cancelDependents(PlanStep failed, String reason) {
      for (int d : dependents.get(failed.id())) {
        if (results[d] == null) {
          PlanStep step = plan.step(d);
          record(new StepResult(step, StepResult.Outcome.CANCELLED, reason));
          events.accept(new EngineEvent.StepCancelled(clock.instant(), step, reason));
          cancelDependents(step, reason);
        }
      }
    }

    private void drainAfterInterrupt() {
      while (inFlight > 0) {
        try {
          Message m = messages.poll(30, TimeUnit.SECONDS);
          if (m == null) {
            break;
          }
          if (!(m instanceof Completion c)) {
            continue;
          }
          inFlight--;
          if (c.failure() == null) {
            record(new StepResult(c.step(), StepResult.Outcome.SUCCEEDED, ""));
            events.accept(new EngineEvent.StepSucceeded(clock.instant(), c.step(), c.elapsed()));
          }
        } catch (InterruptedException again) {
          break;
        }
      }
      for (PlanStep s : plan.steps()) {
        if (results[s.id()] == null) {
          record(new StepResult(s, StepResult.Outcome.CANCELLED, "interrupted"));
          events.accept(new EngineEvent.StepCancelled(clock.instant(), s, "interrupted"));
        }
      }
    }

    private void record(StepResult r) {
      results[r.step().id()] = r;
    }

    private ExecutionResult finish(boolean interrupted) {
      List<StepResult> all = new ArrayList<>();
      for (PlanStep s : plan.steps()) {
        all.add(results[s.id()]);
      }
      ExecutionResult result = new ExecutionResult(all, interrupted);
      events.accept(new EngineEvent.ExecutionFinished(clock.instant(),
          result.withOutcome(StepResult.Outcome.SUCCEEDED).size() + result.withOutcome(StepResult.Outcome.WARNED)
              .size(),
          result.failures().size(), result.withOutcome(StepResult.Outcome.CANCELLED).size(), interrupted));
      return result;
    }

    private String message(Throwable t) {
      if (t instanceof InterruptedException) {
        return "interrupted";
      }
      return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
  }
}
