package dev.berth.embedded.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Persists each network and its endpoints (address allocations) as {@code <dir>/<network id>.json}. */
final class NetworkStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One network with its endpoints keyed by container id, in attach order. */
    record State(Network network, Map<String, Endpoint> endpoints) {
        State {
            endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        }

        State with(Endpoint endpoint) {
            Map<String, Endpoint> copy = new LinkedHashMap<>(endpoints);
            copy.put(endpoint.containerId(), endpoint);
            return new State(network, copy);
        }

        State without(String containerId) {
            Map<String, Endpoint> copy = new LinkedHashMap<>(endpoints);
            copy.remove(containerId);
            return new State(network, copy);
        }
    }

    private final Path dir;

    NetworkStore(Path dir) {
        this.dir = dir;
    }

    List<State> loadAll() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<State> states = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                states.add(JSON.readValue(file.toFile(), State.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read network state in " + dir, e);
        }
        return states;
    }

    void save(State state) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(state.network().id() + ".json");
            // a temporary file of its own: two threads may save the same network at once (the last move wins)
            Path temp = Files.createTempFile(dir, state.network().id() + ".json.", ".tmp");
            JSON.writeValue(temp.toFile(), state);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write network state in " + dir, e);
        }
    }

    boolean exists(String networkId) {
        return Files.exists(dir.resolve(networkId + ".json"));
    }

    void delete(String networkId) {
        try {
            Files.deleteIfExists(dir.resolve(networkId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
