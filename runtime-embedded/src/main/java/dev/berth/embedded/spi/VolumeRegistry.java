package dev.berth.embedded.spi;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.util.Command;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Local volumes as Docker keeps them: {@code <root>/<name>/_data} holds the data, {@code <root>/<name>/volume.json}
 * the driver, labels, options and whether the volume is anonymous. Not thread-safe: callers serialise.
 */
final class VolumeRegistry {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    /** What is persisted per volume. */
    record Volume(@JsonProperty("name") String name, @JsonProperty("driver") String driver,
                  @JsonProperty("labels") Map<String, String> labels,
                  @JsonProperty("options") Map<String, String> options,
                  @JsonProperty("anonymous") boolean anonymous, @JsonProperty("createdAt") String createdAt) {
        Volume {
            labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    private final Path root;

    VolumeRegistry(Path root) {
        this.root = root;
    }

    static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Creates the volume; false when one of that name exists already. */
    boolean create(Volume volume) {
        Path dir = root.resolve(volume.name());
        if (Files.exists(dir.resolve("volume.json"))) {
            return false;
        }
        try {
            Files.createDirectories(dir.resolve("_data"));
            Files2.writeAtomically(dir.resolve("volume.json"), Json.write(volume));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Volume> find(String name) {
        if (!validName(name)) {
            return Optional.empty();
        }
        Path file = root.resolve(name).resolve("volume.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readAllBytes(file), Volume.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable volume record " + file, e);
        }
    }

    List<Volume> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Volume> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.map(d -> d.getFileName().toString()).sorted().forEach(n -> find(n).ifPresent(out::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Volume::name));
        return List.copyOf(out);
    }

    /** The directory mounted into containers. */
    Path dataDir(String name) {
        return root.resolve(name).resolve("_data");
    }

    /**
     * The volume name when {@code hostPath} is the data directory of a volume of this registry or lies in it (a
     * subpath mount).
     */
    Optional<String> volumeOf(String hostPath) {
        Path path = Path.of(hostPath).normalize();
        if (!path.startsWith(root)) {
            return Optional.empty();
        }
        Path inside = root.relativize(path);
        if (inside.getNameCount() >= 2 && inside.getName(1).toString().equals("_data")) {
            return Optional.of(inside.getName(0).toString());
        }
        return Optional.empty();
    }

    /**
     * Deletes the volume. A device still mounted on its data directory (left by an engine that ended while a
     * container used it) is unmounted first, so that deleting never reaches into the device (for a bind-backed
     * volume, the host directory).
     */
    void delete(String name) {
        Path data = dataDir(name);
        if (Mounts.isMountPoint(data)) {
            Command.Result result = Command.run(List.of("umount", data.toString()));
            if (!result.ok()) {
                throw new IllegalStateException("volume " + name + ": its device is still mounted on " + data
                        + " and cannot be unmounted (" + result.stderr() + "); unmount it, then remove the volume");
            }
        }
        Files2.deleteTree(root.resolve(name));
    }

    static String now() {
        return Instant.now().toString();
    }
}
