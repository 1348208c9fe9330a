package dev.berth.runtime.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PullEvent;
import dev.berth.runtime.PushEvent;
import dev.berth.runtime.RegistryAccessException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fake's in-memory registry: pull makes registry images local, push publishes local ones. */
class FakeRegistryTest {
  private final FakeRuntime runtime = new FakeRuntime(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));

  @Test
  void pullMakesTheRegistryImageLocalAndASecondPullIsUpToDate() {
    String id = runtime.addRegistryImage(ImageRef.of("docker.io/library/redis:7"), FakeProgram.fixed(FakeRun.forever()));
    assertThrows(NotFoundException.class, () -> runtime.inspectImage(ImageRef.of("redis:7")), "not local yet");
    List<PullEvent> events = new ArrayList<>();
    runtime.pullImage(ImageRef.of("redis:7"), events::add);
    assertEquals(PullEvent.Status.PULLED, events.get(events.size() - 1).status());
    assertEquals(id, runtime.inspectImage(ImageRef.of("redis:7")).id());
    runtime.create(ContainerSpec.builder("cache", ImageRef.of("redis:7")).build());

    events.clear();
    runtime.pullImage(ImageRef.of("redis:7"), Optional.of("linux/amd64"), events::add);
    assertEquals(List.of(PullEvent.Status.UP_TO_DATE), events.stream().map(PullEvent::status).toList());
  }

  @Test
  void aNewerRegistryImageMovesTheLocalTag() {
    runtime.addRegistryImage(ImageRef.of("app:1"), FakeProgram.fixed(FakeRun.forever()));
    runtime.pullImage(ImageRef.of("app:1"), e -> { });
    String newer = runtime.addRegistryImage(ImageRef.of("app:1"), FakeProgram.fixed(FakeRun.forever()));
    runtime.pullImage(ImageRef.of("app:1"), e -> { });
    assertEquals(newer, runtime.inspectImage(ImageRef.of("app:1")).id());
  }

  @Test
  void pullOfAnUnknownReferenceIsNotFoundAndAnUnreachableRegistryIsARegistryAccessFailure() {
    assertThrows(NotFoundException.class, () -> runtime.pullImage(ImageRef.of("nothing:1"), e -> { }));
    runtime.makeUnreachable("127.0.0.1:5000");
    RegistryAccessException e = assertThrows(RegistryAccessException.class,
        () -> runtime.pullImage(ImageRef.of("127.0.0.1:5000/app:1"), x -> { }));
    assertEquals("127.0.0.1:5000", e.registry());
    assertEquals(RegistryAccessException.Reason.UNREACHABLE, e.reason());
  }

  @Test
  void pushPublishesTheLocalImageAndAPushAgainFindsItThere() {
    String id = runtime.addImage(ImageRef.of("127.0.0.1:5000/team/app:2"), FakeProgram.fixed(FakeRun.forever()));
    List<PushEvent> events = new ArrayList<>();
    runtime.pushImage(ImageRef.of("127.0.0.1:5000/team/app:2"), events::add);
    assertEquals(List.of(PushEvent.Status.UPLOADED, PushEvent.Status.PUSHED), events.stream().map(PushEvent::status).toList());
    assertEquals(Optional.of(id), runtime.registryImage(ImageRef.of("127.0.0.1:5000/team/app:2")));
    events.clear();
    runtime.pushImage(ImageRef.of("127.0.0.1:5000/team/app:2"), events::add);
    assertEquals(PushEvent.Status.ALREADY_EXISTS, events.get(0).status());
    assertThrows(NotFoundException.class, () -> runtime.pushImage(ImageRef.of("never-built:1"), e -> { }));
  }
}
