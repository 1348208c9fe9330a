package dev.berth.api.cleanup;

import java.time.Instant;
import java.util.Optional;

/** Whether the process that owns a stack still lives. */
@FunctionalInterface
public interface ProcessTable {

    boolean isAlive(StackOwner owner);

    /**
     * The operating system's processes: alive when a live process has the pid and, when both are known, started
     * at the same millisecond (a reused pid belongs to another process).
     */
    static ProcessTable system() {
        return owner -> ProcessHandle.of(owner.pid()).filter(ProcessHandle::isAlive)
                .map(p -> sameStart(owner.startedAtMillis(), p.info().startInstant()))
                .orElse(false);
    }

    private static boolean sameStart(Optional<Long> expected, Optional<Instant> actual) {
        return expected.isEmpty() || actual.isEmpty() || expected.get() == actual.get().toEpochMilli();
    }
}
