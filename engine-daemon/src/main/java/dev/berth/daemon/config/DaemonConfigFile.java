package dev.berth.daemon.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.daemon.backing.Json;
import dev.berth.embedded.registry.DockerHub;
import dev.berth.embedded.registry.InsecureRegistries;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a daemon configuration file in dockerd's {@code daemon.json} format. {@code registry-mirrors} and
 * {@code insecure-registries} are used; other keys dockerd knows are reported as ignored rather than refused, so that
 * a copy of {@code /etc/docker/daemon.json} works. The default file is {@code /etc/berth/daemon.json}, read when it
 * exists; a file named explicitly must exist.
 */
public final class DaemonConfigFile {
    public static final Path DEFAULT = Path.of("/etc/berth/daemon.json");
    private static final Set<String> USED = Set.of("registry-mirrors", "insecure-registries");

    private DaemonConfigFile() {
    }

    /**
     * The configuration of {@code explicit} when given, else of {@code fallback} if it exists, else none.
     *
     * @throws InvalidConfigException naming the file, the key and what is wrong
     */
    public static DaemonConfig load(Optional<Path> explicit, Path fallback) {
        if (explicit.isPresent()) {
            return read(explicit.get());
        }
        return Files.exists(fallback) ? read(fallback) : DaemonConfig.empty();
    }

    /**
     * Reads {@code file}.
     *
     * @throws InvalidConfigException naming the file, the key and what is wrong
     */
    public static DaemonConfig read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(file + ": no such file; create it or leave out --config-file");
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": cannot read it: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException(file + ": must hold a JSON object such as"
                    + " {\"registry-mirrors\": [\"https://mirror.example:5000\"]}");
        }
        List<String> ignored = new ArrayList<>();
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!USED.contains(key)) {
                ignored.add(key);
            }
        }
        List<URI> mirrors = new ArrayList<>();
        for (String text : strings(file, root, "registry-mirrors")) {
            mirrors.add(mirror(file, text));
        }
        try {
            DockerHub.defaults().withMirrors(mirrors);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(file + ": registry-mirrors: " + e.getMessage());
        }
        InsecureRegistries insecure;
        try {
            insecure = InsecureRegistries.parse(strings(file, root, "insecure-registries"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(file + ": insecure-registries: " + e.getMessage());
        }
        return new DaemonConfig(mirrors, insecure, ignored);
    }

    private static URI mirror(Path file, String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getPath() != null && uri.getPath().equals("/")) {
                uri = new URI(uri.getScheme(), uri.getAuthority(), null, null, null);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(file + ": registry-mirrors: '" + text + "' is not a URL; write it as"
                    + " https://host[:port]");
        }
    }

    private static List<String> strings(Path file, JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidConfigException(file + ": " + key + " must be a list of strings, such as"
                    + " [\"10.0.0.5:5000\"]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidConfigException(file + ": " + key + " must be a list of strings; " + item
                        + " is not one");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** The file cannot be used; the message names it, the key and what to write instead. */
    public static final class InvalidConfigException extends RuntimeException {
        public InvalidConfigException(String message) {
            super(message);
        }
    }
}
