package dev.berth.daemon.backing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.runtime.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials Docker clients send with a call: {@code X-Registry-Auth} (pull, push) is base64url of one JSON
 * {@code AuthConfig} ({@code username}/{@code password}, {@code auth} = base64 {@code user:password}, or
 * {@code identitytoken}); {@code X-Registry-Config} (build) is base64url of a JSON object from server address to
 * {@code AuthConfig}. Both alphabets of base64 are read, with or without padding, as clients differ. An empty
 * {@code AuthConfig} (what the docker CLI sends when it has no login) means no credentials.
 */
public final class RegistryAuthHeaders {
    private RegistryAuthHeaders() {
    }

    /**
     * The credentials of an {@code X-Registry-Auth} header; empty when there is none or it holds no login.
     *
     * @throws IllegalArgumentException when the header is not base64 of a JSON object
     */
    public static Optional<RegistryCredentials> auth(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        return credentials(decode(header.get(), "X-Registry-Auth"), "X-Registry-Auth");
    }

    /**
     * The credentials of an {@code X-Registry-Config} header by registry ({@code host[:port]}, Docker Hub as
     * {@code docker.io}).
     *
     * @throws IllegalArgumentException when the header is not base64 of a JSON object of objects
     */
    public static Map<String, RegistryCredentials> config(Optional<String> header) {
        Map<String, RegistryCredentials> out = new LinkedHashMap<>();
        if (header.isEmpty() || header.get().isBlank()) {
            return out;
        }
        JsonNode all = decode(header.get(), "X-Registry-Config");
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isObject()) {
                throw new IllegalArgumentException("X-Registry-Config: the entry for " + entry.getKey()
                        + " is not a JSON object");
            }
            credentials(entry.getValue(), "X-Registry-Config entry " + entry.getKey())
                    .ifPresent(c -> out.put(registryOf(entry.getKey()), c));
        }
        return out;
    }

    /** The registry a server address stands for: {@code https://index.docker.io/v1/} is {@code docker.io}. */
    public static String registryOf(String serverAddress) {
        String host = serverAddress.strip().replaceFirst("^[a-zA-Z]+://", "");
        int slash = host.indexOf('/');
        host = slash < 0 ? host : host.substring(0, slash);
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? "docker.io" : host;
    }

    private static JsonNode decode(String header, String name) {
        String text = header.strip().replace('-', '+').replace('_', '/').replace("=", "");
        byte[] json;
        try {
            json = Base64.getDecoder().decode(text + "==".substring(0, (4 - text.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64: " + e.getMessage(), e);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(name + " is not base64 of a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not base64 of a JSON object: " + e.getMessage(), e);
        }
    }

    /**
     * The credentials of one {@code AuthConfig} object; empty when it holds no login.
     *
     * @throws IllegalArgumentException when its {@code auth} is not base64 of {@code user:password}
     */
    public static Optional<RegistryCredentials> credentials(JsonNode config, String where) {
        String token = config.path("identitytoken").asText("");
        if (!token.isEmpty()) {
            return Optional.of(RegistryCredentials.ofIdentityToken(token));
        }
        String username = config.path("username").asText("");
        if (!username.isEmpty()) {
            return Optional.of(RegistryCredentials.of(username, config.path("password").asText("")));
        }
        String auth = config.path("auth").asText("");
        if (!auth.isEmpty()) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": auth is not base64 of user:password", e);
            }
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(where + ": auth is not base64 of user:password");
            }
            return Optional.of(RegistryCredentials.of(pair.substring(0, colon), pair.substring(colon + 1)));
        }
        return Optional.empty();
    }
}
