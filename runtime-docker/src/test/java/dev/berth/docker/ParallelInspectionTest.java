package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelInspectionTest {
  @Test
  void keepsTheListedOrderAndLeavesOutWhatIsGone() {
    List<Integer> listed = IntStream.rangeClosed(1, 30).boxed().toList();
    List<String> inspected = ParallelInspection.inspectAll(listed,
        n -> n % 7 == 0 ? Optional.empty() : Optional.of("c" + n));
    assertEquals(listed.stream().filter(n -> n % 7 != 0).map(n -> "c" + n).toList(), inspected);
  }

  @Test
  void inspectsSeveralAtOnce() {
    // every inspection waits until MAX_IN_FLIGHT of them run: one after another this would never finish
    CountDownLatch together = new CountDownLatch(ParallelInspection.MAX_IN_FLIGHT);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Integer> listed = IntStream.range(0, ParallelInspection.MAX_IN_FLIGHT).boxed().toList();
    List<Integer> inspected = ParallelInspection.inspectAll(listed, n -> {
      threads.add(Thread.currentThread());
      together.countDown();
      try {
        assertTrue(together.await(10, TimeUnit.SECONDS), "inspections did not overlap");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return Optional.of(n);
    });
    assertEquals(listed, inspected);
    assertEquals(ParallelInspection.MAX_IN_FLIGHT, threads.size());
  }

  @Test
  void rethrowsTheFirstFailure() {
    NotFoundException thrown = assertThrows(NotFoundException.class, () -> ParallelInspection.inspectAll(
        List.of("a", "b", "c"), s -> {
          if (s.equals("b")) {
            throw new NotFoundException("inspect container", s, "no such container");
          }
          return Optional.of(s);
        }));
    assertEquals("b", thrown.resource());
  }
}
