package dev.berth.engine.execute;

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
import dev.berth.runtime.ContainerRuntime;

/** Translates one operation into its runtime call; no decisions. */
final class OperationRunner {
  private final ContainerRuntime runtime;
  private final Readiness readiness;

  OperationRunner(ContainerRuntime runtime, Readiness readiness) {
    this.runtime = runtime;
    this.readiness = readiness;
  }

  /** Runs {@code op}; a build reports its progress to {@code buildProgress} (on this thread). */
  void run(Operation op, java.util.function.Consumer<dev.berth.runtime.BuildEvent> buildProgress)
      throws InterruptedException {
    if (op instanceof Operation.BuildImage o) {
      runtime.build(o.spec(), buildProgress);
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
    } else if (op instanceof dev.berth.engine.plan.Operation.PullImage o) {
      runtime.pullImage(o.image(), o.platform(), event -> { });
    } else if (op instanceof dev.berth.engine.plan.Operation.PushImage o) {
      runtime.pushImage(o.image(), event -> { });
    } else if (op instanceof AwaitService o) {
      readiness.await(o);
    } else {
      throw new IllegalStateException("unknown operation " + op.kind());
    }
  }
}
