package dev.berth.embedded.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the engine's content takes on disk, as Docker's {@code system df} reports it.
 *
 * @param layersSize bytes of all distinct image layers
 * @param images     every image (tagged or dangling)
 * @param containers every container's writable layer
 * @param volumes    every volume's data
 * @param buildCache the builder's cached steps
 */
public record DiskUsage(long layersSize, List<ImageUsage> images, List<ContainerUsage> containers,
                        List<VolumeUsage> volumes, List<CacheUsage> buildCache) {
    public DiskUsage {
        images = List.copyOf(images);
        containers = List.copyOf(containers);
        volumes = List.copyOf(volumes);
        buildCache = List.copyOf(buildCache);
    }

    /**
     * An image.
     *
     * @param size       bytes of its layers
     * @param sharedSize bytes of its layers that other images use too
     * @param containers how many containers use it
     */
    public record ImageUsage(String id, List<String> tags, Instant created, long size, long sharedSize,
                             int containers, Map<String, String> labels) {
        public ImageUsage {
            tags = List.copyOf(tags);
            labels = Map.copyOf(labels);
        }
    }

    /**
     * A container: {@code sizeRw} is its writable layer, {@code sizeRootFs} that plus its image.
     */
    public record ContainerUsage(String id, long sizeRw, long sizeRootFs) {
    }

    /** A volume: the bytes of its data and how many containers mount it. */
    public record VolumeUsage(String name, long size, int refCount) {
    }

    /**
     * A cached build step: the layer it produced ({@code size}), whether an image uses that layer too
     * ({@code shared}), and when it was cached.
     */
    public record CacheUsage(String id, long size, boolean shared, Instant lastUsed) {
    }
}
