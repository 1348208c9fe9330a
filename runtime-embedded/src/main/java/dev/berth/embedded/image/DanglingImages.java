package dev.berth.embedded.image;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Images that lost their last tag but were not deleted (a tag moved to another image, an untagged build, a forced
 * removal of an image containers use), as Docker keeps them ({@code <none>:<none>}): their stored digests, in one
 * JSON file replaced atomically.
 */
final class DanglingImages {
    private final Path file;

    DanglingImages(Path file) {
        this.file = file;
    }

    synchronized Set<Digest> all() {
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            List<String> raw = Json.MAPPER.readValue(file.toFile(), new TypeReference<List<String>>() { });
            Set<Digest> out = new LinkedHashSet<>();
            raw.forEach(d -> out.add(Digest.parse(d)));
            return java.util.Collections.unmodifiableSet(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void add(Digest digest) {
        Set<Digest> now = new LinkedHashSet<>(all());
        if (now.add(digest)) {
            write(now);
        }
    }

    synchronized void remove(Digest digest) {
        Set<Digest> now = new LinkedHashSet<>(all());
        if (now.remove(digest)) {
            write(now);
        }
    }

    private void write(Set<Digest> digests) {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, Json.write(digests.stream().map(Digest::toString).toList()));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
