package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostNetworkLockTest {
    @TempDir
    Path tmp;

    @Test
    void threadsOfOneJvmHoldTheLockOneAtATimeAndTheDirectoryIsCreated() throws Exception {
        Path file = tmp.resolve("not/yet/there/berth-ipam.lock");
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                // a lock object per thread, as two engines of one JVM would have: they still exclude each other
                HostNetworkLock lock = new HostNetworkLock(file, Duration.ofSeconds(20));
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        try (HostNetworkLock.Held held = lock.acquire()) {
                            most.accumulateAndGet(holders.incrementAndGet(), Math::max);
                            Thread.sleep(1);
                            holders.decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, most.get(), "more than one thread held the lock at once");
        assertTrue(Files.exists(file));
    }

    @Test
    void anotherProcessHoldingTheLockMakesUsWaitUntilItLetsGo() throws Exception {
        Path file = tmp.resolve("berth-ipam.lock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HostNetworkLockHolder.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("held", out.readLine());

            HostNetworkLock lock = new HostNetworkLock(file, Duration.ofMillis(300));
            NetworkException busy = assertThrows(NetworkException.class, lock::acquire);
            assertTrue(busy.getMessage().contains("another process"), busy.getMessage());
            assertTrue(busy.getMessage().contains(file.toString()), busy.getMessage());

            holder.getOutputStream().close();
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS), "the holder did not end");
            HostNetworkLock patient = new HostNetworkLock(file, Duration.ofSeconds(10));
            try (HostNetworkLock.Held held = patient.acquire()) {
                assertTrue(Files.exists(file));
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void theLockIsNotReentrantAndIsFreeAgainAfterClose() {
        HostNetworkLock lock = new HostNetworkLock(tmp.resolve("l"), Duration.ofSeconds(5));
        try (HostNetworkLock.Held held = lock.acquire()) {
            assertThrows(IllegalStateException.class, lock::acquire);
        }
        try (HostNetworkLock.Held again = lock.acquire()) {
            assertTrue(Files.exists(tmp.resolve("l")));
        }
    }
}
