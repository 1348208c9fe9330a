package dev.berth.embedded.logs;

import java.time.Instant;

/**
 * Which log entries to read, as {@code docker logs} selects them: streams, {@code since}/{@code until} (inclusive /
 * exclusive, null = unbounded), {@code tail} (-1 = all) and {@code follow}.
 */
public record LogQuery(boolean stdout, boolean stderr, Instant since, Instant until, int tail, boolean follow) {
    public static final LogQuery ALL = new LogQuery(true, true, null, null, -1, false);

    public LogQuery withFollow(boolean value) {
        return new LogQuery(stdout, stderr, since, until, tail, value);
    }

    public LogQuery withTail(int value) {
        return new LogQuery(stdout, stderr, since, until, value, follow);
    }

    public LogQuery withSince(Instant value) {
        return new LogQuery(stdout, stderr, value, until, tail, follow);
    }

    public LogQuery withUntil(Instant value) {
        return new LogQuery(stdout, stderr, since, value, tail, follow);
    }

    boolean accepts(LogEntry entry) {
        boolean stream = entry.stream().equals("stdout") ? stdout : stderr;
        return stream && (since == null || !entry.time().isBefore(since)) && (until == null || entry.time().isBefore(until));
    }
}
