package dev.berth.embedded.build;

import java.util.List;

/** A finished build: image id (config digest), manifest digest, tags, steps run and steps served from the cache. */
public record BuildResult(String imageId, String manifestDigest, List<String> tags, int steps, int cachedSteps) {
    public BuildResult {
        tags = List.copyOf(tags);
    }
}
