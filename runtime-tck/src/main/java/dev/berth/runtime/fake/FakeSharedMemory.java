package dev.berth.runtime.fake;

import dev.berth.runtime.ConflictException;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.InvalidStateException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@code /dev/shm} in the {@link FakeRuntime}, as Docker shares it: each start of a container gets an empty one of
 * its own (IPC {@code private}, absent or {@code shareable}); {@code host} sees the host's; {@code container:<x>}
 * sees x's, and x must be running and be {@code shareable} (or {@code host}, or join another itself), else the start
 * is refused with dockerd's words. A {@code /dev/shm} is a map from path to content that the fake shell writes and
 * reads.
 */
final class FakeSharedMemory {
  private final Map<String, String> host = new ConcurrentHashMap<>();

  /** The {@code /dev/shm} that {@code c} sees from this start on; {@code lookup} finds a container by reference. */
  Map<String, String> forStart(FakeContainer c, Function<String, FakeContainer> lookup, Instant now) {
    String mode = c.spec.ipcMode().orElse("");
    if (mode.equals("host")) {
      return host;
    }
    if (!mode.startsWith("container:")) {
      return new ConcurrentHashMap<>();
    }
    String reference = mode.substring("container:".length());
    FakeContainer donor = lookup.apply(reference);
    donor.refresh(now);
    if (donor.status != ContainerStatus.RUNNING) {
      throw new InvalidStateException("start container", c.name, "cannot join IPC of a non running container: "
          + reference + " (start it first)");
    }
    String donorMode = donor.spec.ipcMode().orElse("");
    if (!donorMode.equals("shareable") && !donorMode.equals("host") && !donorMode.startsWith("container:")) {
      throw new ConflictException("start container", c.name, "container " + reference + ": non-shareable IPC (hint:"
          + " use IpcMode:shareable for the donor container)");
    }
    return donor.devShm;
  }
}
