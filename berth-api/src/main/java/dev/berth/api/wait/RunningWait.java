package dev.berth.api.wait;

import dev.berth.runtime.ContainerSummary;
import java.util.Locale;

/** Ready when every container of the service is running. */
final class RunningWait implements WaitStrategy {

    @Override
    public Readiness check(WaitTarget target) {
        for (ContainerSummary c : target.containers()) {
            if (!c.state().running()) {
                return Readiness.pending("container " + c.name() + " is "
                        + c.state().status().name().toLowerCase(Locale.ROOT));
            }
        }
        return Readiness.ready();
    }

    @Override
    public String describe() {
        return "running";
    }
}
