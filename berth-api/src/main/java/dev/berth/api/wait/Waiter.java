package dev.berth.api.wait;

import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.RuntimeOperationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Asks every {@link ServiceWait} again and again until all are ready. Stops with a
 * {@link ServiceNotReadyException} as soon as one fails (its strategy says so, or a container of the service exited
 * with a non-zero code) or when the timeout passes. Time comes from the injected clock and sleeper.
 */
public final class Waiter {

    /** Waits between two rounds; tests advance a clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;

    public Waiter(Clock clock, Sleeper sleeper, Duration pollInterval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** A waiter on the system clock that sleeps the thread. */
    public static Waiter system(Duration pollInterval) {
        return new Waiter(Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), pollInterval);
    }

    /**
     * Returns when every service is ready.
     *
     * @param targets the target of each service name
     * @throws ServiceNotReadyException naming the first service that failed, or one still pending at the timeout
     */
    public void await(List<ServiceWait> waits, Function<String, WaitTarget> targets, Duration timeout)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Map<ServiceWait, Readiness> pending = new LinkedHashMap<>();
        waits.forEach(w -> pending.put(w, Readiness.pending("not checked yet")));
        while (true) {
            for (ServiceWait wait : new ArrayList<>(pending.keySet())) {
                Readiness r = look(wait, targets.apply(wait.service()));
                if (r.isFailed()) {
                    throw new ServiceNotReadyException(wait.service(), "service " + wait.service() + " failed while"
                            + " waiting for " + wait.strategy().describe() + ": " + r.detail(), false);
                }
                if (r.isReady()) {
                    pending.remove(wait);
                } else {
                    pending.put(wait, r);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                Map.Entry<ServiceWait, Readiness> first = pending.entrySet().iterator().next();
                ServiceWait wait = first.getKey();
                throw new ServiceNotReadyException(wait.service(), "service " + wait.service() + " was not ready"
                        + " after " + timeout.toSeconds() + "s waiting for " + wait.strategy().describe() + ": "
                        + first.getValue().detail() + " — look at its log, or raise the startup timeout", true);
            }
            sleeper.sleep(pollInterval);
        }
    }

    /** Checks that hold for every strategy, then the strategy itself; runtime errors mean "not yet". */
    private static Readiness look(ServiceWait wait, WaitTarget target) {
        try {
            List<ContainerSummary> containers = target.containers();
            if (containers.isEmpty()) {
                return Readiness.failed("it has no container (is it disabled by a profile, or scaled to 0?)");
            }
            for (ContainerSummary c : containers) {
                ContainerStatus status = c.state().status();
                if ((status == ContainerStatus.EXITED || status == ContainerStatus.DEAD) && c.state().exitCode() != 0) {
                    return Readiness.failed("container " + c.name() + " exited with code " + c.state().exitCode());
                }
            }
            return wait.strategy().check(target);
        } catch (RuntimeOperationException e) {
            return Readiness.pending(e.getMessage());
        }
    }
}
