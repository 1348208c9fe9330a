package dev.berth.docker;

import dev.berth.runtime.LogEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles lines from the demultiplexed frames of a log or attach stream. A frame may hold part of a line or
 * several lines; bytes are kept per stream until a newline arrives. With {@code timestamped} each line starts with
 * the engine's RFC 3339 timestamp and a space, which becomes the entry's timestamp; otherwise the arrival time is used.
 */
final class LogLineSplitter {
  private final boolean timestamped;
  private final Consumer<LogEntry> sink;
  private final Map<LogEntry.Stream, ByteArrayOutputStream> pending = new EnumMap<>(LogEntry.Stream.class);

  LogLineSplitter(boolean timestamped, Consumer<LogEntry> sink) {
    this.timestamped = timestamped;
    this.sink = sink;
  }

  void accept(LogEntry.Stream stream, byte[] payload) {
    ByteArrayOutputStream buffer = pending.computeIfAbsent(stream, s -> new ByteArrayOutputStream());
    for (byte b : payload) {
      if (b == '\n') {
        emit(stream, buffer);
      } else {
        buffer.write(b);
      }
    }
  }

  /** Emits what is left of unterminated lines. */
  void finish() {
    pending.forEach((stream, buffer) -> {
      if (buffer.size() > 0) {
        emit(stream, buffer);
      }
    });
  }

  private void emit(LogEntry.Stream stream, ByteArrayOutputStream buffer) {
    String line = buffer.toString(StandardCharsets.UTF_8);
    buffer.reset();
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    Instant at = Instant.now();
    if (timestamped) {
      int space = line.indexOf(' ');
      String stamp = space < 0 ? line : line.substring(0, space);
      try {
        at = Instant.parse(stamp);
        line = space < 0 ? "" : line.substring(space + 1);
      } catch (DateTimeParseException e) {
        // not a timestamp: keep the whole line
      }
    }
    sink.accept(new LogEntry(at, stream, line));
  }
}
