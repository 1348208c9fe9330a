package dev.berth.embedded.image;

import dev.berth.embedded.util.Sizes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mark and sweep over the image store: everything reachable from the root digests (manifests or indexes: their
 * child manifests, configs and layers, and the configs' diffIDs) is kept; other blobs and unpacked layer directories
 * are deleted. The caller excludes concurrent writers (see {@link ImageStore#lease()}).
 */
final class GarbageCollector {
    private final BlobStore blobs;
    private final Path blobDir;
    private final Path layerDir;

    GarbageCollector(BlobStore blobs, Path blobDir, Path layerDir) {
        this.blobs = blobs;
        this.blobDir = blobDir;
        this.layerDir = layerDir;
    }

    Reclaimed collect(Set<Digest> roots) {
        Set<String> keptBlobs = new HashSet<>();
        Set<String> keptLayers = new HashSet<>();
        Deque<Digest> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            Digest digest = pending.pop();
            if (!keptBlobs.add(digest.hex()) || !blobs.contains(digest)) {
                continue;
            }
            Manifest manifest;
            try {
                manifest = Manifest.parse(blobs.read(digest));
            } catch (RuntimeException notAManifest) {
                continue;
            }
            if (manifest.isIndex()) {
                manifest.manifests().forEach(d -> pending.push(d.parsedDigest()));
                continue;
            }
            keptBlobs.add(manifest.config().parsedDigest().hex());
            manifest.layers().forEach(l -> keptBlobs.add(l.parsedDigest().hex()));
            try {
                ImageConfig config = ImageConfig.parse(blobs.read(manifest.config().parsedDigest()));
                config.diffIds().forEach(d -> keptLayers.add(d.hex()));
            } catch (RuntimeException missingOrBroken) {
                // nothing more to keep for an image whose config is gone
            }
        }
        long bytes = 0;
        int blobCount = 0;
        int layerCount = 0;
        for (Path blob : children(blobDir)) {
            if (!keptBlobs.contains(blob.getFileName().toString())) {
                bytes += Sizes.of(blob);
                delete(blob);
                blobCount++;
            }
        }
        for (Path layer : children(layerDir)) {
            String name = layer.getFileName().toString();
            if (!name.startsWith("tmp-") && !keptLayers.contains(name)) {
                bytes += Sizes.of(layer);
                delete(layer);
                layerCount++;
            }
        }
        return new Reclaimed(bytes, blobCount, layerCount);
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            ImageStore.deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + " while collecting garbage: " + e.getMessage(), e);
        }
    }

    /** What a collection freed. */
    record Reclaimed(long bytes, int blobs, int layers) {
    }
}
