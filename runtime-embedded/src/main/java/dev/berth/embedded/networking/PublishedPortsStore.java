package dev.berth.embedded.networking;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.net.PublishedPort;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running container publishes, as {@code <dir>/<container id>.json}: the ports (actual host ports) and the
 * tag of their iptables rules. Written when the ports are published, deleted when they are unpublished.
 */
final class PublishedPortsStore {
    /** One container's publication. */
    record Entry(@JsonProperty("tag") String tag, @JsonProperty("ports") List<PublishedPort> ports) {
        Entry {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    private final Path dir;

    PublishedPortsStore(Path dir) {
        this.dir = dir;
    }

    Optional<Entry> find(String containerId) {
        Path file = dir.resolve(containerId + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readAllBytes(file), Entry.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable published-ports record " + file, e);
        }
    }

    void save(String containerId, Entry entry) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Files2.writeAtomically(dir.resolve(containerId + ".json"), Json.write(entry));
    }

    void delete(String containerId) {
        try {
            Files.deleteIfExists(dir.resolve(containerId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
