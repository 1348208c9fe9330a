package dev.berth.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Inspects the resources a list call named, several at a time: the Engine API's list answers lack fields the SPI's
 * summaries carry (exit codes, start and finish times, health, network IPAM), so each listed resource is inspected,
 * and one round trip after another made a 30-container project cost 30 sequential calls. Order is kept; a resource
 * removed since it was listed is left out (its inspection returns empty); the first other failure is rethrown.
 */
final class ParallelInspection {
  /** At most this many inspections in flight: enough to hide round trips, few enough not to crowd the engine. */
  static final int MAX_IN_FLIGHT = 8;

  private ParallelInspection() {}

  static <T, R> List<R> inspectAll(List<T> listed, Function<T, Optional<R>> inspect) {
    if (listed.size() <= 1) {
      return listed.stream().map(inspect).flatMap(Optional::stream).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(listed.size(), MAX_IN_FLIGHT), r -> {
      Thread t = new Thread(r, "berth-docker-inspect");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Optional<R>>> pending = new ArrayList<>();
      for (T item : listed) {
        pending.add(pool.submit(() -> inspect.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<Optional<R>> f : pending) {
        f.get().ifPresent(out::add);
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.berth.runtime.RuntimeOperationException("inspect", "listed resources", "interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
