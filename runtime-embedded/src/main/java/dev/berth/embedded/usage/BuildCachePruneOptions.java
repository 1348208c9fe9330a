package dev.berth.embedded.usage;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which build cache entries a prune removes, as {@code docker builder prune} asks for them.
 *
 * @param all        every entry; otherwise only those whose layer no image has (intermediate steps only the cache
 *                   keeps alive)
 * @param until      only entries written before this instant
 * @param ids        only entries whose id starts with one of these; all entries when empty
 * @param keepBytes  stop once the cache's entries take at most this many bytes, removing the oldest first
 */
public record BuildCachePruneOptions(boolean all, Instant until, Set<String> ids, OptionalLong keepBytes) {
    public BuildCachePruneOptions {
        Objects.requireNonNull(until, "until");
        ids = Set.copyOf(ids);
        Objects.requireNonNull(keepBytes, "keepBytes");
        if (keepBytes.isPresent() && keepBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("the storage to keep cannot be negative: " + keepBytes.getAsLong());
        }
    }

    /** Entries only the cache keeps alive ({@code all}: every entry), of any age, with no storage to keep. */
    public static BuildCachePruneOptions of(boolean all) {
        return new BuildCachePruneOptions(all, Instant.MAX, Set.of(), OptionalLong.empty());
    }
}
