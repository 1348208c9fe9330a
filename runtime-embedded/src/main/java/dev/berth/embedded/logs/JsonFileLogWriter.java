package dev.berth.embedded.logs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Appends Docker json-file records ({@code {"log":"...\n","stream":"stdout","time":"<RFC3339Nano>"}}) to a file.
 * Lines longer than 16 KiB are split into several records, as Docker does. Thread-safe: stdout and stderr pumps share it.
 */
public final class JsonFileLogWriter implements AutoCloseable {
    static final int MAX_LINE = 16 * 1024;
    private static final JsonFactory FACTORY = new JsonFactory();
    private final Path file;
    private final Clock clock;
    private final long maxSize;
    private final int maxFiles;
    private OutputStream out;
    private long size;

    /** A writer without rotation (Docker's default: unlimited size, one file). */
    public JsonFileLogWriter(Path file, Clock clock) {
        this(file, clock, 0, 1);
    }

    /**
     * @param maxSize  rotate when the file would grow beyond this many bytes (0 = never), Docker's {@code max-size}
     * @param maxFiles files kept including the current one ({@code <file>.1} is the newest rotated), {@code max-file}
     */
    public JsonFileLogWriter(Path file, Clock clock, long maxSize, int maxFiles) {
        this.file = file;
        this.clock = clock;
        this.maxSize = maxSize;
        this.maxFiles = Math.max(1, maxFiles);
        open();
    }

    private void open() {
        try {
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            this.size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rotate() throws IOException {
        out.close();
        if (maxFiles == 1) {
            Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING).close();
        } else {
            Files.deleteIfExists(rotated(file, maxFiles - 1));
            for (int i = maxFiles - 2; i >= 1; i--) {
                if (Files.exists(rotated(file, i))) {
                    Files.move(rotated(file, i), rotated(file, i + 1));
                }
            }
            Files.move(file, rotated(file, 1));
        }
        open();
    }

    /** {@code <file>.<n>}: the n-th newest rotated log. */
    public static Path rotated(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    public synchronized void write(String stream, String line) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(line.length() + 80);
            try (JsonGenerator json = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeStringField("log", line);
                json.writeStringField("stream", stream);
                json.writeStringField("time", DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock)));
                json.writeEndObject();
            }
            buffer.write('\n');
            if (maxSize > 0 && size > 0 && size + buffer.size() > maxSize) {
                rotate();
            }
            buffer.writeTo(out);
            out.flush();
            size += buffer.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a stream into records line by line until EOF (run on its own thread per stream). */
    public void pump(String stream, InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    line.write(buffer[i]);
                    if (buffer[i] == '\n' || line.size() >= MAX_LINE) {
                        write(stream, line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    }
                }
            }
        } catch (IOException e) {
            // the container's side closed: flush what we have
        }
        if (line.size() > 0) {
            write(stream, line.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
