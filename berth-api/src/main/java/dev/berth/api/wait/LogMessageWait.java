package dev.berth.api.wait;

import java.util.regex.Pattern;

/** Ready when at least {@code times} lines of the service's output contain a match of {@code pattern}. */
public final class LogMessageWait implements WaitStrategy {
    private final Pattern pattern;
    private final int times;

    LogMessageWait(Pattern pattern, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, not " + times);
        }
        this.pattern = pattern;
        this.times = times;
    }

    /** Waits for {@code n} matching lines instead of one (e.g. a server that logs "ready" twice on start). */
    public LogMessageWait times(int n) {
        return new LogMessageWait(pattern, n);
    }

    @Override
    public Readiness check(WaitTarget target) {
        long seen = target.logLines().stream().filter(line -> pattern.matcher(line).find()).count();
        return seen >= times ? Readiness.ready()
                : Readiness.pending("seen " + seen + " of " + times + " lines matching /" + pattern + "/");
    }

    @Override
    public String describe() {
        return "log /" + pattern + "/" + (times == 1 ? "" : " " + times + " times");
    }
}
