package dev.berth.embedded.shim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.embedded.image.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How a container's init process ended, as its shim recorded it: exit code (128+n for signal n), whether the OOM
 * killer killed a process of the container, and when the init exited.
 */
public record ShimExit(int exitCode, boolean oomKilled, Instant finishedAt) {

    /** Parses the shim's {@code exit} record; empty when it is not one (a torn or foreign file). */
    static Optional<ShimExit> parse(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (node == null || !node.path("exitCode").isInt() || !node.path("finishedAt").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new ShimExit(node.get("exitCode").asInt(), node.path("oomKilled").asBoolean(false),
                    Instant.parse(node.get("finishedAt").asText())));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
