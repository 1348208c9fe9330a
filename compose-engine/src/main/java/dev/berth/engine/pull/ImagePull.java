package dev.berth.engine.pull;

import dev.berth.runtime.ImageRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One pull to do: the image, for which platform, for which services, and why. */
public record ImagePull(ImageRef image, Optional<String> platform, List<String> services, String cause) {
    public ImagePull {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(platform, "platform");
        services = List.copyOf(services);
        Objects.requireNonNull(cause, "cause");
    }
}
