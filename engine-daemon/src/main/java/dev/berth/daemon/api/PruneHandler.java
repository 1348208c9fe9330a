package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.FilterTime;
import dev.berth.daemon.backing.Filters;
import dev.berth.daemon.backing.Json;
import dev.berth.runtime.ConflictException;
import dev.berth.embedded.usage.ImagePrune;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.VolumeSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /containers/prune} (stopped containers), {@code /volumes/prune} (unused volumes; from API 1.42 on
 * only anonymous ones unless {@code all=true}, as dockerd) and {@code /networks/prune} (networks without containers),
 * each honouring {@code label} filters, with space reclaimed reported as 0; and {@code /images/prune}: images no
 * container uses, only dangling ones unless {@code dangling=false}, filtered by {@code until} and
 * {@code label}/{@code label!}, with the bytes their content freed.
 */
final class PruneHandler {
    private final EngineBacking backing;

    PruneHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("POST", "/containers/prune", this::containers)
                .on("POST", "/volumes/prune", this::volumes)
                .on("POST", "/networks/prune", this::networks)
                .on("POST", "/images/prune", this::images);
    }

    private void images(ApiCall call) throws IOException {
        Filters filters = Filters.parse(call.param("filters"));
        boolean all = filters.get("dangling").stream().anyMatch(v -> !ImagesHandler.truth("dangling", v));
        Instant until;
        try {
            until = filters.get("until").stream().map(v -> FilterTime.parse(v, Instant.now())).min(Instant::compareTo)
                    .orElse(Instant.MAX);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("filters: until: " + e.getMessage());
        }
        LabelSelector wanted = filters.labels();
        List<String> unwanted = filters.get("label!");
        ImagePrune pruned = backing.runtime().pruneImages(all, image -> {
            Map<String, String> labels = image.config().config() == null || image.config().config().labels() == null
                    ? Map.of() : image.config().config().labels();
            return image.config().createdAt().isBefore(until) && wanted.matches(labels)
                    && unwanted.stream().noneMatch(l -> hasLabel(labels, l));
        });
        ArrayNode deleted = Json.MAPPER.createArrayNode();
        for (ImagePrune.Removed r : pruned.removed()) {
            r.untagged().forEach(tag -> {
                deleted.add(Json.object().put("Untagged", tag));
                backing.publish().image("untag", tag);
            });
            deleted.add(Json.object().put("Deleted", r.id()));
            backing.publish().image("delete", r.id());
        }
        ObjectNode out = Json.object();
        out.set("ImagesDeleted", deleted);
        out.put("SpaceReclaimed", pruned.spaceReclaimed());
        call.json(200, out);
    }

    /** {@code key} or {@code key=value} as Docker's label filters read it. */
    private static boolean hasLabel(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        return eq < 0 ? labels.containsKey(filter) : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    private void containers(ApiCall call) throws IOException {
        Filters filters = Filters.parse(call.param("filters"));
        ArrayNode deleted = Json.MAPPER.createArrayNode();
        for (ContainerSummary c : backing.runtime().list(filters.labels())) {
            if (c.state().status().isActive()) {
                continue;
            }
            try {
                backing.runtime().remove(c.id(), false, false);
                backing.publish().container("destroy", c.id().value(), Map.of());
                deleted.add(c.id().value());
            } catch (NotFoundException | ConflictException raced) {
                // removed or started meanwhile
            }
        }
        ObjectNode out = Json.object();
        out.set("ContainersDeleted", deleted);
        out.put("SpaceReclaimed", 0);
        call.json(200, out);
    }

    private void volumes(ApiCall call) throws IOException {
        Filters filters = Filters.parse(call.param("filters"));
        // before API 1.42 prune removed every unused volume; since then only anonymous ones unless all=true
        boolean all = ApiVersions.compare(call.apiVersion(), "1.42") < 0
                || filters.get("all").stream().anyMatch(v -> v.equals("true") || v.equals("1"));
        Set<String> used = new HashSet<>();
        for (ContainerSummary c : backing.runtime().list(dev.berth.runtime.LabelSelector.all())) {
            c.mounts().forEach(m -> used.add(m.source()));
        }
        ArrayNode deleted = Json.MAPPER.createArrayNode();
        for (VolumeSummary v : backing.runtime().listVolumes(filters.labels())) {
            if (used.contains(v.name()) || (!all && !v.anonymous())) {
                continue;
            }
            try {
                backing.runtime().removeVolume(v.name(), false);
                backing.publish().volume("destroy", v.name());
                deleted.add(v.name());
            } catch (NotFoundException | ConflictException raced) {
                // removed or taken into use meanwhile
            }
        }
        ObjectNode out = Json.object();
        out.set("VolumesDeleted", deleted);
        out.put("SpaceReclaimed", 0);
        call.json(200, out);
    }

    private void networks(ApiCall call) throws IOException {
        Filters filters = Filters.parse(call.param("filters"));
        ArrayNode deleted = Json.MAPPER.createArrayNode();
        for (NetworkSummary n : backing.runtime().listNetworks(filters.labels())) {
            if (!n.containers().isEmpty()) {
                continue;
            }
            try {
                backing.runtime().removeNetwork(n.name());
                backing.publish().network("destroy", n.id(), n.name(), Map.of());
                deleted.add(n.name());
            } catch (NotFoundException | ConflictException raced) {
                // removed or connected meanwhile
            }
        }
        call.json(200, Json.object().set("NetworksDeleted", deleted));
    }
}
