package dev.berth.engine.pull;

import dev.berth.runtime.ImageRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What deciding a service's pull needs: its image and platform, its policy, whether it has a {@code build} section,
 * and what the runtime has locally.
 *
 * @param lastPulled when the runtime last pulled the image; empty when unknown (periodic policies then pull)
 */
public record PullCandidate(String service, ImageRef image, Optional<String> platform, PullPolicy policy,
                            boolean buildable, boolean present, Optional<Instant> lastPulled) {
    public PullCandidate {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(lastPulled, "lastPulled");
    }
}
