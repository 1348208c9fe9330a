package dev.berth.runtime.fake;

import dev.berth.runtime.ConflictException;
import dev.berth.runtime.PortBinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host ports the fake publishes for a starting container: an ephemeral one is numbered from the bottom of the
 * IANA dynamic range, a range gets its first port that no running container publishes (on the same address and
 * protocol), a fixed port is taken as asked.
 */
final class FakeHostPorts {
  private final AtomicInteger nextEphemeral = new AtomicInteger(49152);

  List<PortBinding> choose(String container, List<PortBinding> asked, Collection<FakeContainer> others) {
    Set<String> taken = new HashSet<>();
    for (FakeContainer other : others) {
      other.published.forEach(p -> taken.add(key(p, p.hostPort())));
    }
    List<PortBinding> out = new ArrayList<>();
    for (PortBinding p : asked) {
      int port = p.hostPort() == 0 ? nextEphemeral.getAndIncrement() : firstFree(container, p, taken);
      taken.add(key(p, port));
      out.add(new PortBinding(p.hostIp(), port, p.containerPort(), p.protocol()));
    }
    return List.copyOf(out);
  }

  private static int firstFree(String container, PortBinding p, Set<String> taken) {
    if (!p.isRange()) {
      return p.hostPort();
    }
    for (int port = p.hostPort(); port <= p.hostPortEnd(); port++) {
      if (!taken.contains(key(p, port))) {
        return port;
      }
    }
    throw new ConflictException("start container", container, "every host port of " + p.hostPortSpec() + "/"
        + p.protocol() + " is in use (stop what uses them or widen the range)");
  }

  private static String key(PortBinding p, int port) {
    return p.protocol() + "/" + p.hostIp() + ":" + port;
  }
}
