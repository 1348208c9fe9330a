package dev.berth.embedded.build;

import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Digest;
import java.util.List;

/** An image between build steps: its manifest (null for scratch), layers, diffIDs, run config and author. */
record ImageState(Digest manifest, Digest configDigest, List<Descriptor> layers, List<String> diffIds,
                  ConfigDraft config, String author) {
    ImageState {
        layers = List.copyOf(layers);
        diffIds = List.copyOf(diffIds);
    }

    /** The cache identity of this state. */
    String key() {
        return manifest == null ? "scratch" : manifest.toString();
    }
}
