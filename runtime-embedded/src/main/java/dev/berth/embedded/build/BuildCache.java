package dev.berth.embedded.build;

import dev.berth.embedded.image.BlobStore;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Step cache: {@code <dir>/<key>} holds the manifest digest a step produced; entries whose blob is gone miss. */
final class BuildCache {
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
}
