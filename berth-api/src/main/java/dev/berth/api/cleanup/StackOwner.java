package dev.berth.api.cleanup;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process that started a stack: its pid and its start time (epoch milliseconds, empty when the platform does
 * not tell), so that a new process that got the same pid is not taken for the owner. Written as labels on every
 * container of the stack.
 */
public record StackOwner(long pid, Optional<Long> startedAtMillis) {
    /** The owning process's pid. */
    public static final String PID_LABEL = "dev.berth.junit.owner";
    /** The owning process's start time in epoch milliseconds. */
    public static final String STARTED_LABEL = "dev.berth.junit.owner-started";

    public StackOwner {
        Objects.requireNonNull(startedAtMillis, "startedAtMillis");
    }

    /** This JVM. */
    public static StackOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new StackOwner(self.pid(), self.info().startInstant().map(java.time.Instant::toEpochMilli));
    }

    /** The owner named by a resource's labels, if it has them. */
    public static Optional<StackOwner> fromLabels(Map<String, String> labels) {
        String pid = labels.get(PID_LABEL);
        if (pid == null) {
            return Optional.empty();
        }
        try {
            String started = labels.get(STARTED_LABEL);
            return Optional.of(new StackOwner(Long.parseLong(pid),
                    started == null || started.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(started))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The labels naming this owner. */
    public Map<String, String> labels() {
        return startedAtMillis.map(s -> Map.of(PID_LABEL, Long.toString(pid), STARTED_LABEL, Long.toString(s)))
                .orElse(Map.of(PID_LABEL, Long.toString(pid)));
    }
}
