package dev.berth.api.wait;

import dev.berth.runtime.ContainerSummary;

/** Ready when every container's healthcheck says healthy; failed when one is unhealthy or has none. */
final class HealthcheckWait implements WaitStrategy {

    @Override
    public Readiness check(WaitTarget target) {
        for (ContainerSummary c : target.containers()) {
            switch (c.state().health()) {
                case UNHEALTHY:
                    return Readiness.failed("container " + c.name() + " is unhealthy");
                case NONE:
                    return Readiness.failed("container " + c.name() + " has no healthcheck — add a healthcheck to"
                            + " service " + target.service() + ", or wait for a log line, port or command instead");
                case STARTING:
                    return Readiness.pending("container " + c.name() + " is starting (healthcheck not passed yet)");
                default:
                    break;
            }
        }
        return Readiness.ready();
    }

    @Override
    public String describe() {
        return "healthcheck healthy";
    }
}
