package dev.berth.engine.execute;

import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.Plan;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.engine.plan.Planner;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.fake.FakeProgram;
import dev.berth.runtime.fake.FakeRun;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.tck.ForwardingContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: plans and executes a 200-service project (each service depends on the one 10 before it) on a fake
 * runtime that sleeps 10 ms per call, and prints planning time, execution time and the most calls seen in flight.
 * Run: {@code mvn -o -q test-compile -pl compose-engine -am} then
 * {@code java -cp <test classpath> dev.berth.engine.execute.PlanBenchmark [parallel]}.
 */
public final class PlanBenchmark {
  private PlanBenchmark() {}

  public static void main(String[] args) {
    int parallel = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    FakeRuntime fake = new FakeRuntime(Clock.systemUTC(), Duration.ofMillis(10));
    List<DesiredService> services = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = "s" + i;
      fake.addImage(ImageRef.of(name + ":latest"), FakeProgram.fixed(FakeRun.forever()));
      services.add(i < 10 ? EngineFixture.service(name)
          : EngineFixture.service(name, Dependency.started("s" + (i - 10))));
    }
    DesiredProject project = EngineFixture.project(services);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    ContainerRuntime counting = new ForwardingContainerRuntime(fake) {
      @Override
      protected <T> T around(String operation, Call<T> call) throws InterruptedException {
        max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          return call.call();
        } finally {
          inFlight.decrementAndGet();
        }
      }
    };
    long c0 = System.nanoTime();
    Planner.plan(project, ObservedSnapshot.empty(project.name()), PlanOptions.defaults());
    double coldMs = (System.nanoTime() - c0) / 1e6;
    for (int i = 0; i < 100; i++) {
      Planner.plan(project, ObservedSnapshot.empty(project.name()), PlanOptions.defaults());
    }
    long t0 = System.nanoTime();
    Plan plan = Planner.plan(project, ObservedSnapshot.empty(project.name()), PlanOptions.defaults());
    long t1 = System.nanoTime();
    ExecutionResult result = new PlanExecutor(counting, Clock.systemUTC(),
        ExecutorOptions.defaults().withParallelLimit(parallel)).execute(plan, e -> { });
    long t2 = System.nanoTime();
    double planMs = (t1 - t0) / 1e6;
    double execMs = (t2 - t1) / 1e6;
    String report = String.format("steps=%d succeeded=%s parallel=%d plan=%.1fms execute=%.1fms planShare=%.2f%%"
        + " maxInFlight=%d (first, cold plan=%.1fms)", plan.steps().size(), result.succeeded(), parallel, planMs,
        execMs, 100 * planMs / (planMs + execMs), max.get(), coldMs);
    System.out.println(report);
  }
}
