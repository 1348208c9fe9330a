package dev.berth.embedded.logs;

import java.time.Instant;

/** One json-file log record: the line including its trailing newline (if it had one), the stream and the time. */
public record LogEntry(Instant time, String stream, String line) {
}
