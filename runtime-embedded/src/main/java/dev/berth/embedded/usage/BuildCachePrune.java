package dev.berth.embedded.usage;

import java.util.List;

/**
 * What a build cache prune removed: the ids of the entries (as {@code system df} lists them) and the bytes freed by
 * the content only those entries kept alive.
 */
public record BuildCachePrune(List<String> deleted, long spaceReclaimed) {
    public BuildCachePrune {
        deleted = List.copyOf(deleted);
    }
}
