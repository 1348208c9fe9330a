package dev.berth.embedded.image;

import java.util.List;

/**
 * A resolved, runnable image: its id (config digest, as Docker shows it), manifest digest, parsed configuration,
 * layer descriptors and diffIDs (bottom layer first), the tags pointing at it, and the digest they point at
 * ({@code stored}: the manifest, or the index it was chosen from).
 */
public record Image(Digest id, Digest manifestDigest, ImageConfig config, List<Descriptor> layers, List<Digest> diffIds,
                    List<String> tags, Digest stored) {
    public Image {
        layers = List.copyOf(layers);
        diffIds = List.copyOf(diffIds);
        tags = List.copyOf(tags);
    }
}
