package dev.berth.embedded.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileLogTest {
    @TempDir
    Path temp;

    @Test
    void writesDockerJsonFileRecordsAndSplitsLongLines() throws Exception {
        Path file = temp.resolve("c-json.log");
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.123456789Z"), ZoneOffset.UTC);
        try (JsonFileLogWriter writer = new JsonFileLogWriter(file, clock)) {
            writer.pump("stdout", new ByteArrayInputStream("a \"quoted\"\tline\nno newline".getBytes(StandardCharsets.UTF_8)));
            writer.pump("stderr", new ByteArrayInputStream("x".repeat(JsonFileLogWriter.MAX_LINE + 5).getBytes(StandardCharsets.UTF_8)));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals("{\"log\":\"a \\\"quoted\\\"\\tline\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-02T03:04:05.123456789Z\"}",
                lines.get(0));
        assertEquals("{\"log\":\"no newline\",\"stream\":\"stdout\",\"time\":\"2026-01-02T03:04:05.123456789Z\"}", lines.get(1));
        assertEquals(4, lines.size());
        List<LogEntry> entries = JsonFileLogReader.read(file, LogQuery.ALL);
        assertEquals(JsonFileLogWriter.MAX_LINE, entries.get(2).line().length());
        assertEquals("xxxxx", entries.get(3).line());
    }

    @Test
    void filtersBySinceUntilTailAndStream() {
        Path file = temp.resolve("log");
        MutableClock clock = new MutableClock();
        try (JsonFileLogWriter writer = new JsonFileLogWriter(file, clock)) {
            for (int i = 0; i < 5; i++) {
                clock.now = Instant.parse("2026-01-01T00:00:0" + i + "Z");
                writer.write(i % 2 == 0 ? "stdout" : "stderr", "line" + i + "\n");
            }
        }
        assertEquals(List.of("line1\n", "line2\n"), lines(file, LogQuery.ALL.withSince(Instant.parse("2026-01-01T00:00:01Z"))
                .withUntil(Instant.parse("2026-01-01T00:00:03Z"))));
        assertEquals(List.of("line3\n", "line4\n"), lines(file, LogQuery.ALL.withTail(2)));
        assertEquals(List.of(), lines(file, LogQuery.ALL.withTail(0)));
        assertEquals(List.of("line0\n", "line2\n", "line4\n"), lines(file, new LogQuery(true, false, null, null, -1, false)));
    }

    @Test
    void followDeliversNewRecordsUntilTheContainerStops() throws Exception {
        Path file = temp.resolve("follow");
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (JsonFileLogWriter writer = new JsonFileLogWriter(file, Clock.systemUTC())) {
            writer.write("stdout", "first\n");
            Thread reader = new Thread(() -> JsonFileLogReader.read(file, LogQuery.ALL.withFollow(true),
                    e -> seen.add(e.line()), running::get));
            reader.start();
            Thread.sleep(150);
            writer.write("stdout", "second\n");
            Thread.sleep(150);
            writer.write("stdout", "third\n");
            running.set(false);
            reader.join(2000);
            assertEquals(List.of("first\n", "second\n", "third\n"), seen);
        }
    }

    @Test
    void rotatesByMaxSizeKeepingMaxFilesAndReadsAcrossThem() throws Exception {
        Path file = temp.resolve("rot-json.log");
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        int recordSize;
        try (JsonFileLogWriter writer = new JsonFileLogWriter(file, clock, 200, 3)) {
            writer.write("stdout", "line0\n");
            recordSize = (int) Files.size(file);
            for (int i = 1; i < 10; i++) {
                writer.write("stdout", "line" + i + "\n");
            }
        }
        int perFile = 200 / recordSize;
        assertTrue(Files.size(file) <= 200);
        assertTrue(Files.exists(JsonFileLogWriter.rotated(file, 1)));
        assertTrue(Files.exists(JsonFileLogWriter.rotated(file, 2)));
        assertFalse(Files.exists(JsonFileLogWriter.rotated(file, 3)));
        List<String> kept = lines(file, LogQuery.ALL);
        assertEquals("line9\n", kept.get(kept.size() - 1));
        assertTrue(kept.size() <= 3 * perFile && kept.size() > 2 * perFile - 1, kept.toString());
        for (int i = 1; i < kept.size(); i++) {
            assertEquals(Integer.parseInt(kept.get(i - 1).substring(4, 5)) + 1, Integer.parseInt(kept.get(i).substring(4, 5)));
        }
        assertEquals(List.of("line8\n", "line9\n"), lines(file, LogQuery.ALL.withTail(2)));
    }

    @Test
    void followContinuesAcrossRotation() throws Exception {
        Path file = temp.resolve("followrot");
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (JsonFileLogWriter writer = new JsonFileLogWriter(file, Clock.systemUTC(), 150, 2)) {
            writer.write("stdout", "a\n");
            Thread reader = new Thread(() -> JsonFileLogReader.read(file, LogQuery.ALL.withFollow(true),
                    e -> seen.add(e.line()), running::get));
            reader.start();
            Thread.sleep(150);
            for (String s : List.of("b\n", "c\n", "d\n", "e\n")) {
                writer.write("stdout", s);
                Thread.sleep(120);
            }
            running.set(false);
            reader.join(2000);
        }
        assertEquals(List.of("a\n", "b\n", "c\n", "d\n", "e\n"), seen);
    }

    private static List<String> lines(Path file, LogQuery query) {
        List<String> out = new ArrayList<>();
        JsonFileLogReader.read(file, query).forEach(e -> out.add(e.line()));
        return out;
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
