package dev.berth.embedded.build;

import dev.berth.embedded.image.BlobStore;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Step cache: {@code <dir>/<key>} holds the manifest digest a step produced; entries whose blob is gone miss. The
 * cached manifests are roots of the image store's garbage collection ({@link #entries}).
 */
public final class BuildCache {
    private final Path dir;
    private final BlobStore blobs;

    BuildCache(Path dir, BlobStore blobs) {
        this.dir = dir;
        this.blobs = blobs;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Digest> get(String key) {
        Path file = dir.resolve(key);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Digest digest = Digest.parse(Files.readString(file).trim());
            return blobs.contains(digest) ? Optional.of(digest) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void put(String key, Digest manifest) {
        Files2.writeAtomically(dir.resolve(key), manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Where the builder of an engine rooted at {@code engineRoot} keeps its cache. */
    public static Path directory(Path engineRoot) {
        return engineRoot.resolve("build").resolve("cache");
    }

    /** The cache's entries (unreadable ones left out), whether or not their content is still stored. */
    public static java.util.List<Entry> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        java.util.List<Entry> out = new java.util.ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().endsWith(".tmp")) {
                    continue; // an entry being written (Files2.writeAtomically)
                }
                try {
                    out.add(new Entry(file.getFileName().toString(), Digest.parse(Files.readString(file).trim()),
                            Files.getLastModifiedTime(file).toInstant()));
                } catch (IOException | IllegalArgumentException unreadable) {
                    // a half-written or foreign file is no entry
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Removes the entries that produced one of {@code manifests} (images being deleted), as the classic builder's
     * cache goes with the image: the next build runs those steps again.
     */
    public static void forget(Path dir, java.util.Set<Digest> manifests) {
        for (Entry entry : entries(dir)) {
            if (manifests.contains(entry.manifest())) {
                try {
                    Files.deleteIfExists(dir.resolve(entry.key()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove build cache entry " + entry.key() + ": "
                            + e.getMessage(), e);
                }
            }
        }
    }

    /** One cached step: its key, the manifest it produced, and when it was written. */
    public record Entry(String key, Digest manifest, java.time.Instant written) {
    }
}
