package dev.berth.cli.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The server's log: one line per event (start, stop, each request's command and exit code, refusals), appended to
 * the log file beside the socket. It never holds arguments' values or the environment: they may carry secrets.
 */
final class ServerLog {
    private final Path file;

    ServerLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    synchronized void info(String message) {
        line("info", message);
    }

    synchronized void warn(String message) {
        line("warn", message);
    }

    private void line(String level, String message) {
        String text = Instant.now() + " " + level + " " + message + "\n";
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a log that cannot be written must not stop the server
        }
    }
}
