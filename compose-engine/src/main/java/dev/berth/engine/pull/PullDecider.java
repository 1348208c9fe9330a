package dev.berth.engine.pull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which images to pull, as Compose does: a pure function of the candidates, an optional policy overriding
 * every service's ({@code up --pull}, {@code pull --policy}) and the time. Services sharing an image and platform
 * share one pull. Services with a {@code build} section are pulled only under {@code always}: under the other
 * policies a missing image is built, not pulled.
 */
public final class PullDecider {
    private PullDecider() {
    }

    public static List<ImagePull> decide(List<PullCandidate> candidates, Optional<PullPolicy> override, Instant now) {
        Map<String, List<String>> services = new LinkedHashMap<>();
        Map<String, String> causes = new LinkedHashMap<>();
        Map<String, PullCandidate> first = new LinkedHashMap<>();
        for (PullCandidate c : candidates) {
            PullPolicy policy = override.orElse(c.policy());
            Optional<String> cause = cause(c, policy, now);
            if (cause.isEmpty()) {
                continue;
            }
            String key = c.image().value() + "|" + c.platform().orElse("");
            services.computeIfAbsent(key, k -> new ArrayList<>()).add(c.service());
            causes.putIfAbsent(key, cause.get());
            first.putIfAbsent(key, c);
        }
        List<ImagePull> pulls = new ArrayList<>();
        first.forEach((key, c) -> pulls.add(new ImagePull(c.image(), c.platform(), services.get(key), causes.get(key))));
        return List.copyOf(pulls);
    }

    static Optional<String> cause(PullCandidate c, PullPolicy policy, Instant now) {
        switch (policy.kind()) {
            case ALWAYS:
                return Optional.of("pull_policy always");
            case NEVER:
            case BUILD:
                return Optional.empty();
            case MISSING:
                return c.present() || c.buildable() ? Optional.empty() : Optional.of("image missing locally");
            case PERIODIC:
            default:
                if (c.buildable()) {
                    return Optional.empty();
                }
                if (!c.present()) {
                    return Optional.of("image missing locally");
                }
                Duration interval = policy.interval().orElseThrow();
                if (c.lastPulled().isEmpty()) {
                    return Optional.of("pull_policy " + policy + " and the last pull time is unknown");
                }
                Duration age = Duration.between(c.lastPulled().get(), now);
                return age.compareTo(interval) >= 0
                        ? Optional.of("pull_policy " + policy + ", last pulled " + age.toHours() + "h ago")
                        : Optional.empty();
        }
    }
}
