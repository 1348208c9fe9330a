package dev.berth.runtime.fake;

import dev.berth.runtime.Availability;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RuntimeProvider;
import java.time.Clock;

/**
 * The {@code fake} runtime for tests: always available, each {@link #open()} a fresh in-memory runtime with the
 * image {@code busybox:latest} scripted by {@link FakeShell}. Listed in {@code META-INF/services}, so it is found
 * whenever runtime-tck is on the (test) class path.
 */
public final class FakeRuntimeProvider implements RuntimeProvider {
  public static final ImageRef BUSYBOX = ImageRef.of("busybox:latest");

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public Availability probe() {
    return Availability.available("in-memory fake runtime (tests only; nothing really runs)");
  }

  @Override
  public ContainerRuntime open() {
    FakeRuntime runtime = new FakeRuntime(Clock.systemUTC());
    runtime.addImage(BUSYBOX, new FakeShell());
    return runtime;
  }
}
