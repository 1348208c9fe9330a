package dev.berth.engine.compose;

import dev.berth.engine.pull.PullPolicy;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code pull} should do: the services (empty: all), whether their dependencies come too, and a policy
 * overriding every service's ({@code --policy}; without it every image is pulled except where {@code pull_policy} is
 * {@code never} or {@code build}).
 */
public record PullRequest(Set<String> services, boolean includeDeps, Optional<PullPolicy> policy, boolean dryRun) {
    public PullRequest {
        services = Set.copyOf(services);
        Objects.requireNonNull(policy, "policy");
    }
}
