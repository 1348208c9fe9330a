package dev.berth.runtime.fake;

import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.tck.ContainerRuntimeContract;
import java.time.Clock;

class FakeRuntimeContractTest extends ContainerRuntimeContract {
  private static final ImageRef BUSYBOX = ImageRef.of("busybox:1.36");
  private final FakeRuntime runtime = new FakeRuntime(Clock.systemUTC());

  FakeRuntimeContractTest() {
    runtime.addImage(BUSYBOX, new FakeShell());
  }

  @Override
  protected ContainerRuntime runtime() {
    return runtime;
  }

  @Override
  protected ImageRef testImage() {
    return BUSYBOX;
  }
}
