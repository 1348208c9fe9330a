package dev.berth.embedded.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.image.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Docker's client configuration file ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}), read
 * and written as a JSON tree so that settings Berth does not know survive a rewrite. Writes are atomic and leave the
 * file readable by its owner only (0600), as Docker does.
 */
public final class DockerConfigFile {
    private final Path file;

    public DockerConfigFile(Path file) {
        this.file = file;
    }

    /** The file Docker uses for this environment. */
    public static DockerConfigFile locate(Map<String, String> environment) {
        String dir = environment.get("DOCKER_CONFIG");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return new DockerConfigFile(base.resolve("config.json"));
    }

    public Path path() {
        return file;
    }

    /** The whole document; an empty object when the file does not exist. */
    public synchronized ObjectNode read() {
        if (!Files.exists(file)) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                return Json.MAPPER.createObjectNode();
            }
            if (!node.isObject()) {
                throw new IllegalStateException(file + " is not a JSON object (fix or remove the file)");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage() + " (fix or remove the file)", e);
        }
    }

    public synchronized void write(ObjectNode document) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "config", ".json.tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
