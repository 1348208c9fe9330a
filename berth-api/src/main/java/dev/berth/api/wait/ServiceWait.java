package dev.berth.api.wait;

import java.util.Objects;

/** Wait for {@code service} with {@code strategy}. */
public record ServiceWait(String service, WaitStrategy strategy) {
    public ServiceWait {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(strategy, "strategy");
    }
}
