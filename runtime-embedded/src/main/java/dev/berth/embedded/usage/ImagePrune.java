package dev.berth.embedded.usage;

import java.util.List;

/**
 * What an image prune removed: each image with the tags it lost, and the bytes its unused content freed.
 */
public record ImagePrune(List<Removed> removed, long spaceReclaimed) {
    public ImagePrune {
        removed = List.copyOf(removed);
    }

    /** An image deleted by the prune, and the tags it had. */
    public record Removed(String id, List<String> untagged) {
        public Removed {
            untagged = List.copyOf(untagged);
        }
    }
}
