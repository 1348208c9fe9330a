package dev.berth.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BytePipeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void bytesWrittenArriveInOrderAndClosingTheSinkEndsTheSource() throws IOException {
    BytePipe pipe = new BytePipe(4);
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return pipe.source().readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    pipe.sink().write("more than four bytes".getBytes(StandardCharsets.UTF_8));
    pipe.closeSink();
    assertArrayEquals("more than four bytes".getBytes(StandardCharsets.UTF_8),
        assertTimeoutPreemptively(WAIT, () -> read.get()));
  }

  @Test
  void aReaderWakesAsSoonAsBytesArrive() throws Exception {
    BytePipe pipe = new BytePipe();
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
      try {
        return pipe.source().read();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Thread.sleep(50);
    pipe.sink().write('x');
    assertEquals('x', assertTimeoutPreemptively(Duration.ofSeconds(1), () -> first.get()));
  }

  @Test
  void aWriterBlockedOnAFullPipeFailsWhenTheReaderCloses() throws Exception {
    BytePipe pipe = new BytePipe(2);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try {
        pipe.sink().write(new byte[10]);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Thread.sleep(50);
    pipe.closeSource();
    java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> writer.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
    assertEquals("broken pipe: the reader has closed it", failed.getCause().getCause().getMessage());
    assertEquals(-1, pipe.source().read());
  }

  @Test
  void writingAfterClosingTheSinkFails() {
    BytePipe pipe = new BytePipe();
    pipe.closeSink();
    assertThrows(IOException.class, () -> pipe.sink().write(1));
  }
}
