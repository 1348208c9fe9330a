package dev.berth.embedded;

import dev.berth.embedded.oci.ContainerConfig.RestartPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * Docker's restart manager for one container: whether a policy restarts an exit, and after which delay
 * (100 ms doubling up to 1 min; back to 100 ms when the container had run for at least 10 s).
 */
final class RestartBackoff {
    static final Duration INITIAL = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofMinutes(1);
    static final Duration RESET_AFTER = Duration.ofSeconds(10);
    private Duration delay = Duration.ZERO;

    /**
     * @param restartCount restarts so far (for {@code on-failure:max})
     * @return the delay before restarting, or empty when the container stays down
     */
    Optional<Duration> next(RestartPolicy policy, int exitCode, boolean stoppedByUser, int restartCount, Duration uptime) {
        if (uptime.compareTo(RESET_AFTER) >= 0) {
            delay = Duration.ZERO;
        }
        boolean restart = switch (policy.name()) {
            case NO -> false;
            case ALWAYS -> !stoppedByUser;
            case UNLESS_STOPPED -> !stoppedByUser;
            case ON_FAILURE -> !stoppedByUser && exitCode != 0
                    && (policy.maxRetries() == 0 || restartCount < policy.maxRetries());
        };
        if (!restart) {
            return Optional.empty();
        }
        delay = delay.isZero() ? INITIAL : delay.multipliedBy(2);
        if (delay.compareTo(MAX) > 0) {
            delay = MAX;
        }
        return Optional.of(delay);
    }
}
