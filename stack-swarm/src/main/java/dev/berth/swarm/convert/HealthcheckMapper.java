package dev.berth.swarm.convert;

import com.github.dockerjava.api.model.HealthCheck;
import dev.berth.model.project.Healthcheck;
import java.util.List;

/** {@code healthcheck} → the container spec's HealthCheck (durations in nanoseconds; {@code disable} → NONE). */
final class HealthcheckMapper {
    private HealthcheckMapper() {
    }

    static HealthCheck map(Healthcheck healthcheck) {
        if (healthcheck == null) {
            return null;
        }
        if (Boolean.TRUE.equals(healthcheck.disable())) {
            return new HealthCheck().withTest(List.of("NONE"));
        }
        return new HealthCheck()
                .withTest(healthcheck.test())
                .withInterval(GoDurations.nanos(healthcheck.interval()))
                .withTimeout(GoDurations.nanos(healthcheck.timeout()))
                .withRetries(healthcheck.retries() == null ? null : Math.toIntExact(healthcheck.retries()))
                .withStartPeriod(GoDurations.nanos(healthcheck.startPeriod()))
                .withStartInterval(GoDurations.nanos(healthcheck.startInterval()));
    }
}
