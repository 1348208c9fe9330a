package dev.berth.embedded.spi;

import dev.berth.embedded.build.BaseImages;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.ImageName;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.PullEvent;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The images a build names, from their registries as dockerd's classic builder gets them: pulled with the build's
 * credentials for their registry ({@code X-Registry-Config}) ahead of the engine's own. References that are no
 * registry name (an image id) are not fetched.
 */
final class RegistryBaseImages implements BaseImages {
    private final RegistryTransfers transfers;
    private final BuildCredentials credentials;

    RegistryBaseImages(RegistryTransfers transfers, BuildCredentials credentials) {
        this.transfers = transfers;
        this.credentials = credentials;
    }

    @Override
    public boolean fetch(String reference, Consumer<String> progress) {
        if (!ImageName.isValid(reference) || reference.startsWith("sha256:")) {
            return false;
        }
        ImageRef image = ImageRef.of(reference);
        progress.accept("Pulling " + reference);
        AtomicReference<PullEvent> outcome = new AtomicReference<>();
        transfers.pull(image, Optional.empty(), credentials.forImage(image), e -> {
            if (e.isFinal()) {
                outcome.set(e);
            }
        });
        PullEvent done = outcome.get();
        progress.accept(reference + ": " + (done != null && done.status() == PullEvent.Status.UP_TO_DATE
                ? "Image is up to date" : "Downloaded newer image") + (done == null || done.id().isEmpty() ? ""
                : " (" + done.id() + ")"));
        return true;
    }
}
