package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.FilterTime;
import dev.berth.daemon.backing.Filters;
import dev.berth.daemon.backing.Json;
import dev.berth.embedded.usage.BuildCachePrune;
import dev.berth.embedded.usage.BuildCachePruneOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code POST /build/prune}: removes the embedded builder's cache entries and the content only they kept alive, as
 * {@code docker builder prune} asks: only entries whose layer no image has unless {@code all}, filtered by
 * {@code until} and {@code id}, keeping the newest entries within {@code keep-storage} (API 1.48 names the same
 * budget {@code reserved-space} and {@code max-used-space}; the smallest given wins; {@code min-free-space} is
 * refused). Answers
 * {@code CachesDeleted} (entry ids as {@code system df} shows them) and {@code SpaceReclaimed} in bytes. Filters the
 * embedded cache has no meaning for are refused with 400, naming the ones it takes.
 */
final class BuildPruneHandler {
    private static final Set<String> FILTERS = Set.of("until", "id");
    private static final List<String> BUDGETS = List.of("keep-storage", "reserved-space", "max-used-space");
    private final EngineBacking backing;

    BuildPruneHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("POST", "/build/prune", this::prune);
    }

    private void prune(ApiCall call) throws IOException {
        BuildCachePrune pruned = backing.runtime().pruneBuildCache(options(call));
        ObjectNode out = Json.object();
        ArrayNode deleted = out.putArray("CachesDeleted");
        pruned.deleted().forEach(deleted::add);
        out.put("SpaceReclaimed", pruned.spaceReclaimed());
        call.json(200, out);
    }

    static BuildCachePruneOptions options(ApiCall call) {
        Filters filters = Filters.parse(call.param("filters"));
        Set<String> unknown = new HashSet<>(filters.values().keySet());
        unknown.removeAll(FILTERS);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("filters: " + String.join(", ", unknown.stream().sorted().toList())
                    + ": the berth engine's build cache is filtered by until and id only");
        }
        Instant until;
        try {
            until = filters.get("until").stream().map(v -> FilterTime.parse(v, Instant.now()))
                    .min(Instant::compareTo).orElse(Instant.MAX);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("filters: until: " + e.getMessage());
        }
        if (call.param("min-free-space").filter(v -> !v.isBlank() && !v.strip().equals("0")).isPresent()) {
            throw ApiException.badRequest("min-free-space: the berth engine prunes its build cache down to a size;"
                    + " give --reserved-space (keep-storage) instead");
        }
        boolean all = call.param("all").map(v -> ImagesHandler.truth("all", v)).orElse(false);
        return new BuildCachePruneOptions(all, until, Set.copyOf(filters.get("id")), budget(call));
    }

    /** The smallest non-zero storage budget among the query's spellings of it; none when all are absent or 0. */
    private static OptionalLong budget(ApiCall call) {
        OptionalLong smallest = OptionalLong.empty();
        for (String name : BUDGETS) {
            if (call.param(name).isEmpty()) {
                continue;
            }
            long bytes;
            try {
                bytes = Long.parseLong(call.param(name).get().strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + ": '" + call.param(name).get() + "' is not a number of bytes");
            }
            if (bytes < 0) {
                throw ApiException.badRequest(name + ": " + bytes + " is negative; give a number of bytes");
            }
            if (bytes > 0 && (smallest.isEmpty() || bytes < smallest.getAsLong())) {
                smallest = OptionalLong.of(bytes);
            }
        }
        return smallest;
    }
}
