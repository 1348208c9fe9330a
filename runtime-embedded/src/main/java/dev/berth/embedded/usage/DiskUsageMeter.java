package dev.berth.embedded.usage;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.build.BuildCache;
import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.util.Sizes;
import dev.berth.embedded.image.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Measures {@link DiskUsage}: image sizes from their layer blobs (shared when several images have a layer), container
 * writable layers and volume data by walking their directories, the build cache from its entries. Sizes of images are
 * those {@code images} lists (the stored layers).
 */
public final class DiskUsageMeter {
    private final ImageStore images;
    private final Function<String, Path> writableLayer;
    private final Path buildCache;

    /**
     * @param writableLayer the upper directory of a container id
     * @param buildCache    the builder's cache directory
     */
    public DiskUsageMeter(ImageStore images, Function<String, Path> writableLayer, Path buildCache) {
        this.images = images;
        this.writableLayer = writableLayer;
        this.buildCache = buildCache;
    }

    /**
     * @param containers the engine's containers
     * @param volumes    volume name to its data directory
     * @param volumeUse  volume name to how many containers mount it
     */
    public DiskUsage measure(List<ContainerInfo> containers, Map<String, Path> volumes, Map<String, Integer> volumeUse) {
        List<Image> all = images.list();
        Map<String, Integer> layerUse = new HashMap<>();
        Map<String, Long> layerSize = new HashMap<>();
        for (Image image : all) {
            for (Descriptor layer : new HashSet<>(image.layers())) {
                layerUse.merge(layer.digest(), 1, Integer::sum);
                layerSize.put(layer.digest(), layer.size());
            }
        }
        Map<String, Integer> users = new HashMap<>();
        containers.forEach(c -> users.merge(c.imageId(), 1, Integer::sum));
        Map<String, Long> imageSizes = new HashMap<>();
        List<DiskUsage.ImageUsage> imageUsage = new ArrayList<>();
        for (Image image : all) {
            long size = 0;
            long shared = 0;
            for (Descriptor layer : new HashSet<>(image.layers())) {
                size += layer.size();
                if (layerUse.get(layer.digest()) > 1) {
                    shared += layer.size();
                }
            }
            imageSizes.put(image.id().toString(), size);
            Map<String, String> labels = image.config().config() == null || image.config().config().labels() == null
                    ? Map.of() : image.config().config().labels();
            imageUsage.add(new DiskUsage.ImageUsage(image.id().toString(), image.tags(), image.config().createdAt(),
                    size, shared, users.getOrDefault(image.id().toString(), 0), labels));
        }
        List<DiskUsage.ContainerUsage> containerUsage = new ArrayList<>();
        for (ContainerInfo c : containers) {
            long rw = Sizes.of(writableLayer.apply(c.id()));
            containerUsage.add(new DiskUsage.ContainerUsage(c.id(), rw, rw + imageSizes.getOrDefault(c.imageId(), 0L)));
        }
        List<DiskUsage.VolumeUsage> volumeUsage = new ArrayList<>();
        volumes.forEach((name, dir) -> volumeUsage.add(new DiskUsage.VolumeUsage(name, Sizes.of(dir),
                volumeUse.getOrDefault(name, 0))));
        long layersSize = layerSize.values().stream().mapToLong(Long::longValue).sum();
        return new DiskUsage(layersSize, imageUsage, containerUsage, volumeUsage, cache(layerUse.keySet()));
    }

    /** Each cached step with the last layer of its manifest (the one the step made), if still stored. */
    private List<DiskUsage.CacheUsage> cache(Set<String> imageLayers) {
        List<DiskUsage.CacheUsage> out = new ArrayList<>();
        for (BuildCache.Entry entry : BuildCache.entries(buildCache)) {
            if (!images.blobs().contains(entry.manifest())) {
                continue;
            }
            List<Descriptor> layers = Manifest.parse(images.blobs().read(entry.manifest())).layers();
            Descriptor top = layers.isEmpty() ? null : layers.get(layers.size() - 1);
            long size = top == null ? 0 : top.size();
            boolean shared = top != null && imageLayers.contains(top.digest());
            out.add(new DiskUsage.CacheUsage(entry.key().substring(0, Math.min(25, entry.key().length())), size,
                    shared, entry.written()));
        }
        return out;
    }
}
