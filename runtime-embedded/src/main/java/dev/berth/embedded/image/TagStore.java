package dev.berth.embedded.image;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Tags ({@code name:tag}) to manifest digests, persisted in one JSON file replaced atomically. */
final class TagStore {
    private final Path file;

    TagStore(Path file) {
        this.file = file;
    }

    synchronized Map<String, Digest> all() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, String> raw = Json.MAPPER.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() { });
            Map<String, Digest> tags = new LinkedHashMap<>();
            raw.forEach((tag, digest) -> tags.put(tag, Digest.parse(digest)));
            return Collections.unmodifiableMap(tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code reference} at {@code manifest}; returns what it pointed at before. */
    synchronized java.util.Optional<Digest> put(String reference, Digest manifest) {
        Map<String, String> raw = raw();
        String before = raw.put(ImageReference.normalize(reference), manifest.toString());
        write(raw);
        return java.util.Optional.ofNullable(before).map(Digest::parse);
    }

    /** Removes {@code reference}; returns what it pointed at. */
    synchronized java.util.Optional<Digest> remove(String reference) {
        Map<String, String> raw = raw();
        String removed = raw.remove(ImageReference.normalize(reference));
        write(raw);
        return java.util.Optional.ofNullable(removed).map(Digest::parse);
    }

    private Map<String, String> raw() {
        Map<String, String> raw = new TreeMap<>();
        all().forEach((tag, digest) -> raw.put(tag, digest.toString()));
        return raw;
    }

    private void write(Map<String, String> raw) {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, Json.write(raw));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
