package dev.berth.embedded.usage;

import dev.berth.embedded.build.BuildCache;
import dev.berth.embedded.build.CacheMounts;
import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes build cache entries ({@code docker builder prune}) and then the content that only they kept alive: the
 * manifests and layers of intermediate steps; and the directories of {@code RUN --mount=type=cache} that no running
 * step holds (as Docker's prune takes unused cache mounts too), oldest use first. Images, tagged or dangling, stay with all their content (the image
 * store's garbage collection keeps them as roots), and so does every image a container uses. Entries whose content
 * is already gone are always removed. The caller serialises prunes with other image deletions.
 */
public final class BuildCachePruner {
    /** The length of the entry ids {@code system df} shows and a prune reports. */
    static final int ID_LENGTH = 25;

    private final ImageStore images;
    private final Path cacheDir;
    private final CacheMounts mounts;

    /**
     * @param cacheDir the builder's cache directory ({@link BuildCache#directory})
     * @param mounts   the directories of {@code RUN --mount=type=cache}
     */
    public BuildCachePruner(ImageStore images, Path cacheDir, CacheMounts mounts) {
        this.images = images;
        this.cacheDir = cacheDir;
        this.mounts = mounts;
    }

    public BuildCachePrune prune(BuildCachePruneOptions options) {
        Set<String> imageLayers = new HashSet<>();
        for (Image image : images.list()) {
            image.layers().forEach(l -> imageLayers.add(l.digest()));
        }
        List<Cached> cached = new ArrayList<>();
        for (BuildCache.Entry entry : BuildCache.entries(cacheDir)) {
            cached.add(describe(entry));
        }
        List<Cached> doomed = new ArrayList<>();
        cached.stream().filter(c -> c.stale).forEach(doomed::add);
        List<Cached> candidates = cached.stream().filter(c -> !c.stale && selected(c, options, imageLayers))
                .sorted(Comparator.comparing(c -> c.entry.written())).toList();
        List<CacheMounts.CacheMount> unusedMounts = mounts.unused();
        long total = cached.stream().filter(c -> !c.stale).mapToLong(c -> c.size).sum()
                + unusedMounts.stream().mapToLong(CacheMounts.CacheMount::size).sum();
        for (Cached candidate : candidates) {
            if (withinBudget(options, total)) {
                break;
            }
            doomed.add(candidate);
            total -= candidate.size;
        }
        List<String> deleted = new ArrayList<>();
        for (Cached c : doomed) {
            remove(c.entry);
            deleted.add(id(c.entry));
        }
        long reclaimed = 0;
        for (CacheMounts.CacheMount mount : unusedMounts) {
            if (withinBudget(options, total)) {
                break;
            }
            if (selected(mount, options) && mounts.remove(mount)) {
                deleted.add(mount.name());
                reclaimed += mount.size();
                total -= mount.size();
            }
        }
        if (!doomed.isEmpty()) {
            Set<Digest> remaining = new HashSet<>();
            BuildCache.entries(cacheDir).forEach(e -> remaining.add(e.manifest()));
            reclaimed += images.collectGarbage(remaining);
        }
        return new BuildCachePrune(deleted, reclaimed);
    }

    private static boolean withinBudget(BuildCachePruneOptions options, long total) {
        return options.keepBytes().isPresent() && total <= options.keepBytes().getAsLong();
    }

    /** A cache mount goes with every prune, unused since before {@code until}, and by its name with {@code id}. */
    private static boolean selected(CacheMounts.CacheMount mount, BuildCachePruneOptions options) {
        return mount.lastUsed().isBefore(options.until())
                && (options.ids().isEmpty() || options.ids().stream().anyMatch(id -> mount.name().startsWith(id)));
    }

    private static boolean selected(Cached c, BuildCachePruneOptions options, Set<String> imageLayers) {
        boolean onlyCached = c.top == null || !imageLayers.contains(c.top);
        return (options.all() || onlyCached) && c.entry.written().isBefore(options.until())
                && (options.ids().isEmpty() || options.ids().stream().anyMatch(id -> c.entry.key().startsWith(id)));
    }

    /** The step's own layer (the last of its manifest) and its size; stale when the manifest is gone. */
    private Cached describe(BuildCache.Entry entry) {
        if (!images.blobs().contains(entry.manifest())) {
            return new Cached(entry, true, null, 0);
        }
        List<Descriptor> layers;
        try {
            layers = Manifest.parse(images.blobs().read(entry.manifest())).layers();
        } catch (RuntimeException unreadable) {
            return new Cached(entry, true, null, 0);
        }
        Descriptor top = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        return new Cached(entry, false, top == null ? null : top.digest(), top == null ? 0 : top.size());
    }

    private void remove(BuildCache.Entry entry) {
        try {
            Files.deleteIfExists(cacheDir.resolve(entry.key()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove build cache entry " + entry.key() + " in " + cacheDir
                    + ": " + e.getMessage() + " (check the engine root's permissions)", e);
        }
    }

    /** The entry's id as {@code system df} shows it. */
    static String id(BuildCache.Entry entry) {
        return entry.key().substring(0, Math.min(ID_LENGTH, entry.key().length()));
    }

    /** An entry with its step's layer digest and size; {@code stale} when its manifest is no longer stored. */
    private record Cached(BuildCache.Entry entry, boolean stale, String top, long size) {
    }
}
