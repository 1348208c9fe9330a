package dev.berth.engine.execute;

import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.plan.Operation;
import dev.berth.engine.plan.Operation.AwaitService;
import dev.berth.engine.plan.Operation.ConnectNetwork;
import dev.berth.engine.plan.Operation.CreateContainer;
import dev.berth.engine.plan.Operation.CreateNetwork;
import dev.berth.engine.plan.Operation.CreateVolume;
import dev.berth.engine.plan.Operation.DisconnectNetwork;
import dev.berth.engine.plan.Operation.RemoveContainer;
import dev.berth.engine.plan.Operation.RemoveNetwork;
import dev.berth.engine.plan.Operation.RemoveVolume;
import dev.berth.engine.plan.Operation.RenameContainer;
import dev.berth.engine.plan.Operation.StartContainer;
import dev.berth.engine.plan.Operation.StopContainer;
import dev.berth.runtime.ContainerId;
import dev.berth.engine.plan.PlanStep;
import dev.berth.runtime.ContainerRuntime;
import java.util.function.Consumer;

/**
 * Translates one operation into its runtime call; no decisions. Builds, pulls and pushes carry the client's logins, and
 * builds, pulls and pushes report their progress as engine events.
 */
final class OperationRunner {
  private final ContainerRuntime runtime;
  private final Readiness readiness;
  private final RegistryLogins logins;
  private final java.time.Clock clock;

  OperationRunner(ContainerRuntime runtime, Readiness readiness, RegistryLogins logins, java.time.Clock clock) {
    this.runtime = runtime;
    this.readiness = readiness;
    this.logins = logins;
    this.clock = clock;
  }

  /**
   * Runs {@code step}'s operation; builds, pulls and pushes report their progress to {@code progress} (from this
   * thread, or from the runtime's transfer threads).
   */
  void run(PlanStep step, Consumer<EngineEvent> progress) throws InterruptedException {
    Operation op = step.operation();
    if (op instanceof Operation.BuildImage o) {
      runtime.build(o.spec(), logins.forBuilds(), e -> progress.accept(new EngineEvent.BuildProgress(clock.instant(), step, e)));
    } else if (op instanceof CreateNetwork o) {
      runtime.createNetwork(o.spec());
    } else if (op instanceof RemoveNetwork o) {
      runtime.removeNetwork(o.network());
    } else if (op instanceof ConnectNetwork o) {
      runtime.connect(ContainerId.of(o.container()), o.attachment());
    } else if (op instanceof DisconnectNetwork o) {
      runtime.disconnect(ContainerId.of(o.container()), o.network(), false);
    } else if (op instanceof CreateVolume o) {
      runtime.createVolume(o.spec());
    } else if (op instanceof RemoveVolume o) {
      runtime.removeVolume(o.volume(), false);
    } else if (op instanceof CreateContainer o) {
      runtime.create(o.spec());
    } else if (op instanceof StartContainer o) {
      runtime.start(ContainerId.of(o.container()));
    } else if (op instanceof StopContainer o) {
      runtime.stop(ContainerId.of(o.container()), o.timeout());
    } else if (op instanceof RemoveContainer o) {
      runtime.remove(ContainerId.of(o.container()), false, o.removeVolumes());
    } else if (op instanceof RenameContainer o) {
      runtime.rename(ContainerId.of(o.container()), o.newName());
    } else if (op instanceof Operation.PullImage o) {
      runtime.pullImage(o.image(), o.platform(), logins.forImage(o.image()),
          e -> progress.accept(new EngineEvent.PullProgress(clock.instant(), step, e)));
    } else if (op instanceof Operation.PushImage o) {
      runtime.pushImage(o.image(), logins.forImage(o.image()),
          e -> progress.accept(new EngineEvent.PushProgress(clock.instant(), step, e)));
    } else if (op instanceof AwaitService o) {
      readiness.await(o);
    } else {
      throw new IllegalStateException("unknown operation " + op.kind());
    }
  }
}
