package dev.berth.embedded.build;

import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.ImageConfig;
import java.util.List;

/**
 * An image between build steps: its manifest (null for scratch), layers, diffIDs, run config, author and history
 * (oldest first).
 */
record ImageState(Digest manifest, Digest configDigest, List<Descriptor> layers, List<String> diffIds,
                  ConfigDraft config, String author, List<ImageConfig.History> history) {
    ImageState {
        layers = List.copyOf(layers);
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    /** The cache identity of this state. */
    String key() {
        return manifest == null ? "scratch" : manifest.toString();
    }
}
