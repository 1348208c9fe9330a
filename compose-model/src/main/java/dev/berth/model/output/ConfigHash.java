package dev.berth.model.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.project.ProjectBinder;
import dev.berth.model.project.Service;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code com.docker.compose.config-hash} of a service: SHA-256 (lowercase hex) of its canonical compact JSON
 * after dropping what must not force a recreate: {@code build}, {@code pull_policy}, {@code scale},
 * {@code deploy.replicas}, {@code depends_on}, {@code profiles} and the {@code x-*} extensions.
 * Service references ({@code service:x}) are hashed as written; the engine substitutes container ids first.
 */
public final class ConfigHash {

    private ConfigHash() {
    }

    public static String of(Service service) {
        return sha256(canonicalJson(service));
    }

    /** The exact JSON text that is hashed. */
    public static String canonicalJson(Service service) {
        ObjectNode json = ProjectBinder.MAPPER.valueToTree(service);
        for (String field : new String[] {"build", "pull_policy", "scale", "depends_on", "profiles", "extensions"}) {
            json.remove(field);
        }
        JsonNode deploy = json.get("deploy");
        if (deploy instanceof ObjectNode d) {
            d.remove("replicas");
            if (d.isEmpty()) {
                json.remove("deploy");
            }
        }
        try {
            return ProjectBinder.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
