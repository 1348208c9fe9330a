package dev.berth.embedded.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.embedded.image.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns a registry's error body ({@code {"errors":[{"code","message"}]}}) into one readable line. */
final class RegistryErrors {
    private RegistryErrors() {
    }

    static String describe(int status, byte[] body) {
        List<String> parts = new ArrayList<>();
        try {
            JsonNode errors = Json.MAPPER.readTree(body).path("errors");
            for (JsonNode error : errors) {
                String code = error.path("code").asText("");
                String message = error.path("message").asText("");
                parts.add(code.isEmpty() ? message : code + ": " + message);
            }
        } catch (IOException | RuntimeException e) {
            // not a JSON error document; fall through to the raw text
        }
        if (parts.isEmpty()) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (text.length() > 200) {
                text = text.substring(0, 200) + "...";
            }
            return "HTTP " + status + (text.isEmpty() ? "" : " " + text);
        }
        return "HTTP " + status + " " + String.join("; ", parts);
    }
}
