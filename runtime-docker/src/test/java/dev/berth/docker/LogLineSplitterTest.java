package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.runtime.LogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineSplitterTest {
  private final List<LogEntry> entries = new ArrayList<>();

  @Test
  void joinsPartialFramesAndSplitsFramesWithManyLinesPerStream() {
    LogLineSplitter s = new LogLineSplitter(false, entries::add);
    s.accept(LogEntry.Stream.STDOUT, bytes("he"));
    s.accept(LogEntry.Stream.STDERR, bytes("err1\nerr"));
    s.accept(LogEntry.Stream.STDOUT, bytes("llo\r\nworld\n"));
    s.finish();
    assertEquals(List.of("STDERR err1", "STDOUT hello", "STDOUT world", "STDERR err"),
        entries.stream().map(e -> e.stream() + " " + e.line()).toList());
  }

  @Test
  void timestampPrefixesBecomeTheEntryTime() {
    LogLineSplitter s = new LogLineSplitter(true, entries::add);
    s.accept(LogEntry.Stream.STDOUT, bytes("2026-11-28T04:52:05.686120213Z one two\n"));
    s.accept(LogEntry.Stream.STDOUT, bytes("not-a-time x\n"));
    assertEquals(Instant.parse("2026-11-28T04:52:05.686120213Z"), entries.get(0).timestamp());
    assertEquals("one two", entries.get(0).line());
    assertEquals("not-a-time x", entries.get(1).line());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
