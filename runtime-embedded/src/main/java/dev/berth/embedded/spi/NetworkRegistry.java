package dev.berth.embedded.spi;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Networks as records on disk ({@code <root>/<name>.json}): driver, labels, options and the attached containers
 * (container id to its aliases). There are no bridges yet: attached containers run with a loopback-only network
 * namespace until the networking work lands. Not thread-safe: callers serialise.
 */
final class NetworkRegistry {

    /** What is persisted per network. */
    record Network(@JsonProperty("id") String id, @JsonProperty("name") String name,
                   @JsonProperty("driver") String driver, @JsonProperty("labels") Map<String, String> labels,
                   @JsonProperty("options") Map<String, String> options, @JsonProperty("internal") boolean internal,
                   @JsonProperty("attachable") boolean attachable, @JsonProperty("enableIpv6") boolean enableIpv6,
                   @JsonProperty("endpoints") Map<String, List<String>> endpoints) {
        Network {
            labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
            endpoints = endpoints == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        }

        Network withEndpoint(String containerId, List<String> aliases) {
            Map<String, List<String>> next = new LinkedHashMap<>(endpoints);
            next.put(containerId, List.copyOf(aliases));
            return new Network(id, name, driver, labels, options, internal, attachable, enableIpv6, next);
        }

        Network withoutEndpoint(String containerId) {
            Map<String, List<String>> next = new LinkedHashMap<>(endpoints);
            next.remove(containerId);
            return new Network(id, name, driver, labels, options, internal, attachable, enableIpv6, next);
        }
    }

    private final Path root;

    NetworkRegistry(Path root) {
        this.root = root;
    }

    Optional<Network> find(String nameOrId) {
        if (VolumeRegistry.validName(nameOrId)) {
            Path file = root.resolve(nameOrId + ".json");
            if (Files.exists(file)) {
                return Optional.of(read(file));
            }
        }
        return all().stream().filter(n -> n.id().equals(nameOrId)).findFirst();
    }

    private static Network read(Path file) {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), Network.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable network record " + file, e);
        }
    }

    void save(Network network) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Files2.writeAtomically(root.resolve(network.name() + ".json"), Json.write(network));
    }

    List<Network> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Network> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(f -> out.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Network::name));
        return List.copyOf(out);
    }

    /** Networks a container is attached to, by name. */
    List<String> networksOf(String containerId) {
        return all().stream().filter(n -> n.endpoints().containsKey(containerId)).map(Network::name).toList();
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(root.resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Detaches a removed container from every network. */
    void detachEverywhere(String containerId) {
        for (Network n : all()) {
            if (n.endpoints().containsKey(containerId)) {
                save(n.withoutEndpoint(containerId));
            }
        }
    }
}
