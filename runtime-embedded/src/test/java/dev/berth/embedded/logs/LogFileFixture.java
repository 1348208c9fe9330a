package dev.berth.embedded.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes json-file records and rotates the file as berth-shim does, so that the reader can be tested against logs
 * that grow and rotate while it follows them.
 */
final class LogFileFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    LogFileFixture(Path file) {
        this.file = file;
    }

    void append(String stream, String line, Instant time) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("log", line);
        record.put("stream", stream);
        record.put("time", time.toString());
        try {
            Files.writeString(file, JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void append(String stream, String line) {
        append(stream, line, Instant.now());
    }

    /** Moves {@code <file>.i} to {@code <file>.i+1} and the file to {@code <file>.1}, keeping {@code files} in all. */
    void rotate(int files) {
        try {
            Files.deleteIfExists(JsonFileLogReader.rotated(file, files - 1));
            for (int i = files - 2; i >= 1; i--) {
                if (Files.exists(JsonFileLogReader.rotated(file, i))) {
                    Files.move(JsonFileLogReader.rotated(file, i), JsonFileLogReader.rotated(file, i + 1));
                }
            }
            Files.move(file, JsonFileLogReader.rotated(file, 1));
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
