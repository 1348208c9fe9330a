package dev.berth.embedded;

import dev.berth.embedded.image.Json;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Container records on disk, one directory per container, cached in memory. */
final class ContainerStore {
    private final Path dir;
    private final ConcurrentMap<String, ContainerInfo> cache = new ConcurrentHashMap<>();

    ContainerStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (var children = Files.list(dir)) {
                for (Path child : children.toList()) {
                    Path file = child.resolve("container.json");
                    if (Files.isRegularFile(file)) {
                        ContainerInfo info = Json.MAPPER.readValue(file.toFile(), ContainerInfo.class);
                        cache.put(info.id(), info);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir(String id) {
        return dir.resolve(id);
    }

    void save(ContainerInfo info) {
        try {
            Files.createDirectories(dir(info.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Files2.writeAtomically(dir(info.id()).resolve("container.json"), dev.berth.embedded.image.Json.write(info));
        cache.put(info.id(), info);
    }

    void delete(String id) {
        cache.remove(id);
        Files2.deleteTree(dir(id));
    }

    Optional<ContainerInfo> get(String id) {
        return Optional.ofNullable(cache.get(id));
    }

    /** By full id, unique id prefix, or name. */
    Optional<ContainerInfo> find(String reference) {
        ContainerInfo exact = cache.get(reference);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (ContainerInfo info : cache.values()) {
            if (info.name().equals(reference)) {
                return Optional.of(info);
            }
        }
        List<ContainerInfo> prefixed = cache.values().stream().filter(i -> i.id().startsWith(reference)).toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    List<ContainerInfo> all() {
        List<ContainerInfo> all = new ArrayList<>(cache.values());
        all.sort(Comparator.comparing(ContainerInfo::created).thenComparing(ContainerInfo::id));
        return List.copyOf(all);
    }
}
