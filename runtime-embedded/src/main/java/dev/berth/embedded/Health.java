package dev.berth.embedded;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** Healthcheck state as Docker reports it: status, failing streak and the last 5 probe results. */
public record Health(@JsonProperty("status") String status, @JsonProperty("failingStreak") int failingStreak,
                     @JsonProperty("log") List<Probe> log) {
    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    static final int KEEP = 5;
    static final int MAX_OUTPUT = 4096;

    public Health {
        log = log == null ? List.of() : List.copyOf(log);
    }

    /** One probe: times as RFC 3339 strings, exit code (-1 = timed out or failed to run), output (≤ 4096 chars). */
    public record Probe(@JsonProperty("start") String start, @JsonProperty("end") String end,
                        @JsonProperty("exitCode") int exitCode, @JsonProperty("output") String output) {
    }

    static Health starting() {
        return new Health(STARTING, 0, List.of());
    }

    /** The state after a probe; failures inside the start period do not count while still starting. */
    Health after(Probe probe, boolean inStartPeriod, int retries) {
        List<Probe> kept = new ArrayList<>(log);
        kept.add(probe);
        while (kept.size() > KEEP) {
            kept.remove(0);
        }
        if (probe.exitCode() == 0) {
            return new Health(HEALTHY, 0, kept);
        }
        if (inStartPeriod && status.equals(STARTING)) {
            return new Health(status, failingStreak, kept);
        }
        int streak = failingStreak + 1;
        return new Health(streak >= retries ? UNHEALTHY : status, streak, kept);
    }
}
