package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.daemon.backing.ContainerViews;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.ResourceViews;
import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.usage.DiskUsage;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.VolumeSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /system/df}: what images (sizes, shared sizes, containers using them), containers (writable layer and
 * root file system sizes), volumes (data size and how many containers mount them) and the build cache take, as
 * dockerd answers it; {@code type} (API 1.42) limits the answer to some of the four.
 */
final class DiskUsageHandler {
    private static final Set<String> TYPES = Set.of("image", "container", "volume", "build-cache");
    private final EngineBacking backing;

    DiskUsageHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("GET", "/system/df", this::diskUsage);
    }

    private void diskUsage(ApiCall call) throws IOException {
        var types = call.request().query().getOrDefault("type", java.util.List.of());
        for (String type : types) {
            if (!TYPES.contains(type)) {
                throw ApiException.badRequest("type: '" + type + "' is not one of image, container, volume,"
                        + " build-cache");
            }
        }
        DiskUsage usage = backing.runtime().diskUsage();
        ObjectNode out = Json.object();
        if (types.isEmpty() || types.contains("image")) {
            out.put("LayersSize", usage.layersSize());
            ArrayNode images = out.putArray("Images");
            usage.images().forEach(i -> images.add(image(i)));
        }
        if (types.isEmpty() || types.contains("container")) {
            out.set("Containers", containers(usage));
        }
        if (types.isEmpty() || types.contains("volume")) {
            out.set("Volumes", volumes(usage));
        }
        if (types.isEmpty() || types.contains("build-cache")) {
            ArrayNode cache = out.putArray("BuildCache");
            usage.buildCache().forEach(c -> cache.add(cacheEntry(c)));
        }
        call.json(200, out);
    }

    private static ObjectNode image(DiskUsage.ImageUsage i) {
        ObjectNode out = Json.object();
        out.put("Id", i.id());
        out.put("ParentId", "");
        out.set("RepoTags", Json.MAPPER.valueToTree(i.tags().isEmpty() ? java.util.List.of("<none>:<none>") : i.tags()));
        out.set("RepoDigests", Json.MAPPER.createArrayNode());
        out.put("Created", i.created().getEpochSecond());
        out.put("Size", i.size());
        out.put("SharedSize", i.sharedSize());
        out.put("VirtualSize", i.size());
        out.set("Labels", Json.MAPPER.valueToTree(i.labels()));
        out.put("Containers", i.containers());
        return out;
    }

    private ArrayNode containers(DiskUsage usage) {
        Map<String, DiskUsage.ContainerUsage> sizes = new HashMap<>();
        usage.containers().forEach(c -> sizes.put(c.id(), c));
        Map<String, String> networkIds = backing.networkIds();
        Instant now = Instant.now();
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ContainerSummary s : backing.runtime().list(LabelSelector.all())) {
            ContainerInfo info;
            try {
                info = backing.engine().inspect(s.id().value());
            } catch (RuntimeException gone) {
                continue;
            }
            ObjectNode entry = ContainerViews.listEntry(info, s, backing.imageDefaults(info.imageId()), networkIds, now);
            DiskUsage.ContainerUsage size = sizes.get(info.id());
            entry.put("SizeRw", size == null ? 0 : size.sizeRw());
            entry.put("SizeRootFs", size == null ? 0 : size.sizeRootFs());
            out.add(entry);
        }
        return out;
    }

    private ArrayNode volumes(DiskUsage usage) {
        Map<String, DiskUsage.VolumeUsage> sizes = new HashMap<>();
        usage.volumes().forEach(v -> sizes.put(v.name(), v));
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (VolumeSummary v : backing.runtime().listVolumes(LabelSelector.all())) {
            ObjectNode entry = ResourceViews.volume(v, backing.volumesDir());
            DiskUsage.VolumeUsage size = sizes.get(v.name());
            entry.putObject("UsageData").put("Size", size == null ? 0 : size.size())
                    .put("RefCount", size == null ? 0 : size.refCount());
            out.add(entry);
        }
        return out;
    }

    private static ObjectNode cacheEntry(DiskUsage.CacheUsage c) {
        ObjectNode out = Json.object();
        out.put("ID", c.id());
        out.putArray("Parents");
        out.put("Type", "regular");
        out.put("Description", "cached build step");
        out.put("InUse", false);
        out.put("Shared", c.shared());
        out.put("Size", c.size());
        out.put("CreatedAt", c.lastUsed().toString());
        out.put("LastUsedAt", c.lastUsed().toString());
        out.put("UsageCount", 1);
        return out;
    }
}
