package dev.berth.embedded;

import dev.berth.embedded.oci.ContainerConfig.Healthcheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs healthcheck probes of running containers on a scheduler, as Docker does: the first probe after one interval
 * ({@code start_interval} during the start period), results folded into {@link Health}.
 */
final class HealthProber {
    /** Runs a probe command in a container with a timeout; exit code -1 when it timed out. */
    interface ProbeRunner extends BiFunction<Healthcheck, Duration, ExecResult> {
    }

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();

    HealthProber(ScheduledExecutorService scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Starts probing.
     * @param running  whether the container still runs (probing stops when it turns false)
     * @param update   applies a health transformation to the persisted state and returns the new health
     */
    void watch(String id, Healthcheck check, ProbeRunner runner, BooleanSupplier running, Function<UnaryOperator<Health>, Health> update) {
        Instant started = Instant.now(clock);
        schedule(id, check, runner, running, update, started);
    }

    void cancel(String id) {
        ScheduledFuture<?> future = scheduled.remove(id);
        if (future != null) {
            future.cancel(false);
        }
    }

    private void schedule(String id, Healthcheck check, ProbeRunner runner, BooleanSupplier running,
                          Function<UnaryOperator<Health>, Health> update, Instant started) {
        boolean inStartPeriod = Duration.between(started, Instant.now(clock)).toMillis() < check.startPeriodMillis();
        long delay = inStartPeriod ? check.startInterval() : check.interval();
        scheduled.put(id, scheduler.schedule(() -> {
            if (!running.getAsBoolean()) {
                scheduled.remove(id);
                return;
            }
            Instant begin = Instant.now(clock);
            ExecResult result;
            try {
                result = runner.apply(check, Duration.ofMillis(check.timeout()));
            } catch (RuntimeException e) {
                result = new ExecResult(-1, "", e.getMessage());
            }
            String output = result.exitCode() == -1 && result.stdout().isEmpty() && result.stderr().isEmpty()
                    ? "Health check exceeded timeout (" + Duration.ofMillis(check.timeout()) + ")"
                    : result.stdout() + result.stderr();
            if (output.length() > Health.MAX_OUTPUT) {
                output = output.substring(0, Health.MAX_OUTPUT);
            }
            Health.Probe probe = new Health.Probe(begin.toString(), Instant.now(clock).toString(), result.exitCode(), output);
            boolean startPeriod = Duration.between(started, begin).toMillis() < check.startPeriodMillis();
            update.apply(h -> (h == null ? Health.starting() : h).after(probe, startPeriod, check.effectiveRetries()));
            if (running.getAsBoolean()) {
                schedule(id, check, runner, running, update, started);
            }
        }, delay, TimeUnit.MILLISECONDS));
    }
}
