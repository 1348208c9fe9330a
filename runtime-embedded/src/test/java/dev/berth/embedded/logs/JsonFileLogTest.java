package dev.berth.embedded.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader of json-file logs (the writer is berth-shim: see ShimSupervisionTest for what it writes). */
class JsonFileLogTest {
    @TempDir
    Path temp;

    @Test
    void readsDockerRecordsWithEscapesAndSkipsTornLines() throws Exception {
        Path file = temp.resolve("c-json.log");
        Files.writeString(file, """
                {"log":"a \\"quoted\\"\\tline \\u00e9\\n","stream":"stdout","time":"2026-01-02T03:04:05.123456789Z"}
                {"log":"no newline","stream":"stderr","time":"2026-01-02T03:04:06Z"}
                {"log":"torn","stream":"std
                """, StandardCharsets.UTF_8);
        List<LogEntry> entries = JsonFileLogReader.read(file, LogQuery.ALL);
        assertEquals(List.of(new LogEntry(Instant.parse("2026-01-02T03:04:05.123456789Z"), "stdout",
                        "a \"quoted\"\tline \u00e9\n"),
                new LogEntry(Instant.parse("2026-01-02T03:04:06Z"), "stderr", "no newline")), entries);
    }

    @Test
    void filtersBySinceUntilTailAndStream() {
        Path file = temp.resolve("log");
        LogFileFixture log = new LogFileFixture(file);
        for (int i = 0; i < 5; i++) {
            log.append(i % 2 == 0 ? "stdout" : "stderr", "line" + i + "\n", Instant.parse("2026-01-01T00:00:0" + i + "Z"));
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
        LogFileFixture log = new LogFileFixture(file);
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> seen = new CopyOnWriteArrayList<>();
        log.append("stdout", "first\n");
        Thread reader = new Thread(() -> JsonFileLogReader.read(file, LogQuery.ALL.withFollow(true),
                e -> seen.add(e.line()), running::get));
        reader.start();
        Thread.sleep(150);
        log.append("stdout", "second\n");
        Thread.sleep(150);
        log.append("stdout", "third\n");
        running.set(false);
        reader.join(2000);
        assertEquals(List.of("first\n", "second\n", "third\n"), seen);
    }

    @Test
    void readsAcrossRotatedFilesOldestFirst() {
        Path file = temp.resolve("rot-json.log");
        LogFileFixture log = new LogFileFixture(file);
        for (int i = 0; i < 9; i++) {
            log.append("stdout", "line" + i + "\n");
            if (i % 3 == 2) {
                log.rotate(3);
            }
        }
        assertEquals(List.of("line3\n", "line4\n", "line5\n", "line6\n", "line7\n", "line8\n"), lines(file, LogQuery.ALL));
        assertEquals(List.of("line7\n", "line8\n"), lines(file, LogQuery.ALL.withTail(2)));
    }

    @Test
    void followContinuesAcrossRotation() throws Exception {
        Path file = temp.resolve("followrot");
        LogFileFixture log = new LogFileFixture(file);
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> seen = new CopyOnWriteArrayList<>();
        log.append("stdout", "a\n");
        Thread reader = new Thread(() -> JsonFileLogReader.read(file, LogQuery.ALL.withFollow(true),
                e -> seen.add(e.line()), running::get));
        reader.start();
        Thread.sleep(150);
        for (String s : List.of("b\n", "c\n", "d\n", "e\n")) {
            log.append("stdout", s);
            log.rotate(2);
            Thread.sleep(120);
        }
        running.set(false);
        reader.join(2000);
        assertEquals(List.of("a\n", "b\n", "c\n", "d\n", "e\n"), seen);
    }

    private static List<String> lines(Path file, LogQuery query) {
        List<String> out = new ArrayList<>();
        JsonFileLogReader.read(file, query).forEach(e -> out.add(e.line()));
        return out;
    }
}
