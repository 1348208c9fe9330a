package dev.berth.runtime.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.DelegatingContainerRuntime;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.fake.FakeProgram;
import dev.berth.runtime.fake.FakeRun;
import dev.berth.runtime.fake.FakeRuntime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForwardingContainerRuntimeTest {
  private final FakeRuntime fake = new FakeRuntime(Clock.systemUTC());
  private final ImageRef app = ImageRef.of("app:1");

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void everyCallReachesTheDelegateThroughAroundNamedAfterItsSpiMethod() {
    fake.addImage(app, FakeProgram.fixed(FakeRun.forever()));
    List<String> seen = new ArrayList<>();
    ContainerRuntime forwarding = new ForwardingContainerRuntime(fake) {
      @Override
      protected <T> T around(String operation, Call<T> call) throws InterruptedException {
        seen.add(operation);
        return call.call();
      }
    };
    ContainerId id = forwarding.create(ContainerSpec.builder("web", app).build());
    forwarding.start(id);
    assertEquals(fake.inspect(id), forwarding.inspect(id));
    assertEquals(1, forwarding.list(LabelSelector.all()).size());
    assertEquals(List.of("create", "start", "inspect", "list"), seen);
  }

  @Test
  void whatTheDelegateThrowsArrivesUnchanged() {
    ContainerRuntime forwarding = new ForwardingContainerRuntime(fake);
    RuntimeException direct = assertThrows(RuntimeException.class, () -> fake.inspect(ContainerId.of("missing")));
    RuntimeException forwarded = assertThrows(RuntimeException.class,
        () -> forwarding.inspect(ContainerId.of("missing")));
    assertSame(direct.getClass(), forwarded.getClass());
    assertEquals(direct.getMessage(), forwarded.getMessage());
  }

  @Test
  void anInterruptionOfAnOperationThatCannotBeInterruptedBecomesARuntimeErrorNamingIt() {
    ContainerRuntime forwarding = interrupting(fake);
    RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
        () -> forwarding.list(LabelSelector.all()));
    assertEquals("list", e.operation());
    assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is set again");
  }

  @Test
  void waitForExitPassesTheInterruptionOn() {
    ContainerRuntime forwarding = interrupting(fake);
    assertThrows(InterruptedException.class, () -> forwarding.waitForExit(ContainerId.of("any")));
  }

  @Test
  void closingClosesTheDelegateOnceWithoutAround() {
    AtomicInteger closed = new AtomicInteger();
    ContainerRuntime delegate = new DelegatingContainerRuntime(fake) {
      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
    List<String> seen = new ArrayList<>();
    new ForwardingContainerRuntime(delegate) {
      @Override
      protected <T> T around(String operation, Call<T> call) throws InterruptedException {
        seen.add(operation);
        return call.call();
      }
    }.close();
    assertEquals(1, closed.get());
    assertEquals(List.of(), seen);
  }

  private static ContainerRuntime interrupting(ContainerRuntime delegate) {
    return new ForwardingContainerRuntime(delegate) {
      @Override
      protected <T> T around(String operation, Call<T> call) throws InterruptedException {
        throw new InterruptedException("interrupted in " + operation);
      }
    };
  }
}
