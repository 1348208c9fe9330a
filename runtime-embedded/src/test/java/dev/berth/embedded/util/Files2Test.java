package dev.berth.embedded.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Files2Test {
    @TempDir
    Path dir;

    /** Parallel builds whose first steps are the same write the same build cache entry at the same moment. */
    @Test
    void concurrentAtomicWritesOfOneFileAllSucceedAndLeaveOneWholeContent() throws Exception {
        Path file = dir.resolve("entry");
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String content = ("content of writer " + i + "\n").repeat(200);
                writes.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        Files2.writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String content = Files.readString(file);
        assertTrue(content.matches("(content of writer (\\d+)\n)+") && content.equals(
                content.substring(0, content.indexOf('\n') + 1).repeat(200)), content);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }
}
