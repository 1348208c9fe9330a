package dev.berth.embedded.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a json-file log with since/until/tail filters, optionally following it while the container runs. The log
 * is Docker's format, as berth-shim writes it: one record per line, {@code {"log":"...\n","stream":"stdout",
 * "time":"<RFC 3339>"}}, rotated into {@code <file>.1} (newest) ... {@code <file>.<n>}.
 */
public final class JsonFileLogReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFileLogReader() {
    }

    /** {@code <file>.<n>}: the n-th newest rotated log. */
    public static Path rotated(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /** All matching entries of a finished read (no follow). */
    public static List<LogEntry> read(Path file, LogQuery query) {
        List<LogEntry> entries = new ArrayList<>();
        read(file, query.withFollow(false), entries::add, () -> false);
        return List.copyOf(entries);
    }

    /**
     * Delivers matching entries to {@code sink}; with {@code follow}, keeps polling for new records until
     * {@code running} turns false (then drains the rest) or the thread is interrupted.
     */
    public static void read(Path file, LogQuery query, Consumer<LogEntry> sink, BooleanSupplier running) {
        if (!Files.exists(file)) {
            return;
        }
        Deque<LogEntry> tail = new ArrayDeque<>();
        List<Path> rotated = new ArrayList<>();
        for (int i = 1; Files.exists(rotated(file, i)); i++) {
            rotated.add(0, rotated(file, i));
        }
        for (Path old : rotated) {
            try (BufferedReader reader = Files.newBufferedReader(old, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    collect(parse(line), query, sink, tail);
                }
            } catch (IOException e) {
                // rotated away while reading: skip it
            }
        }
        BufferedReader reader = null;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            Object inode = Files.getAttribute(file, "unix:ino");
            String line;
            while ((line = reader.readLine()) != null) {
                collect(parse(line), query, sink, tail);
            }
            tail.forEach(sink);
            if (!query.follow()) {
                return;
            }
            StringBuilder partial = new StringBuilder();
            while (true) {
                boolean stillRunning = running.getAsBoolean();
                int c;
                while ((c = reader.read()) >= 0) {
                    if (c == '\n') {
                        LogEntry entry = parse(partial.toString());
                        partial.setLength(0);
                        if (entry != null && query.accepts(entry)) {
                            sink.accept(entry);
                        }
                    } else {
                        partial.append((char) c);
                    }
                }
                Object current = Files.exists(file) ? Files.getAttribute(file, "unix:ino") : inode;
                if (!current.equals(inode)) {
                    // rotated: the old file is drained, continue with the new one
                    reader.close();
                    reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    inode = current;
                    partial.setLength(0);
                    continue;
                }
                if (!stillRunning || Thread.currentThread().isInterrupted()) {
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    private static void collect(LogEntry entry, LogQuery query, Consumer<LogEntry> sink, Deque<LogEntry> tail) {
        if (entry != null && query.accepts(entry)) {
            if (query.tail() < 0) {
                sink.accept(entry);
            } else if (query.tail() > 0) {
                tail.addLast(entry);
                if (tail.size() > query.tail()) {
                    tail.removeFirst();
                }
            }
        }
    }

    static LogEntry parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(line);
            return new LogEntry(Instant.parse(node.path("time").asText()), node.path("stream").asText(),
                    node.path("log").asText());
        } catch (IOException | java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
