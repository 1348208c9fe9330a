package dev.berth.embedded.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials kept the way the Docker CLI keeps them: a per-registry helper from {@code credHelpers}, else the
 * {@code credsStore} helper, else base64 {@code user:password} under {@code auths}. Docker Hub is stored under the key
 * {@code https://index.docker.io/v1/}; other registries under {@code host[:port]}, and entries written by other tools
 * with a scheme or path ({@code https://host/v1/}) are found as well.
 */
public final class DockerCredentials implements CredentialSource {
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private final DockerConfigFile file;
    private final java.util.function.Function<String, CredentialHelper> helpers;

    public DockerCredentials(DockerConfigFile file) {
        this(file, CredentialHelper::new);
    }

    /** With helpers found by {@code helpers} (name to program) instead of on the PATH. */
    public DockerCredentials(DockerConfigFile file, java.util.function.Function<String, CredentialHelper> helpers) {
        this.file = file;
        this.helpers = helpers;
    }

    public DockerConfigFile file() {
        return file;
    }

    @Override
    public Optional<Credentials> lookup(String registry) {
        ObjectNode config = file.read();
        String key = serverKey(registry);
        Optional<String> helper = helperFor(config, registry);
        if (helper.isPresent()) {
            return helpers.apply(helper.get()).get(key);
        }
        JsonNode entry = authEntry(config, registry);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.hasNonNull("identitytoken")) {
            return Optional.of(new Credentials(Credentials.IDENTITY_TOKEN_USER, entry.get("identitytoken").asText()));
        }
        if (entry.hasNonNull("auth") && !entry.get("auth").asText().isEmpty()) {
            String decoded = new String(Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException("the auth entry for " + registry + " in " + file.path()
                        + " is not base64 of user:password (run berth login " + registry + " again)");
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        if (entry.hasNonNull("username")) {
            return Optional.of(new Credentials(entry.get("username").asText(), entry.path("password").asText("")));
        }
        return Optional.empty();
    }

    /**
     * The registries the configuration has a login for, as the docker CLI finds them for a build: the keys of
     * {@code auths} (logins kept by a {@code credsStore} leave an empty entry there) and of {@code credHelpers}.
     */
    public java.util.Set<String> registries() {
        ObjectNode config = file.read();
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String section : java.util.List.of("auths", "credHelpers")) {
            JsonNode entries = config.get(section);
            if (entries != null && entries.isObject()) {
                entries.fieldNames().forEachRemaining(key -> out.add(registryOf(key)));
            }
        }
        return out;
    }

    /** Stores credentials, in the credential helper when one is configured, else in {@code auths}. */
    public void store(String registry, Credentials credentials) {
        ObjectNode config = file.read();
        String key = serverKey(registry);
        Optional<String> helper = helperFor(config, registry);
        ObjectNode auths = config.has("auths") && config.get("auths").isObject()
                ? (ObjectNode) config.get("auths") : config.putObject("auths");
        if (helper.isPresent()) {
            helpers.apply(helper.get()).store(key, credentials);
            auths.putObject(key);
        } else {
            ObjectNode entry = auths.putObject(key);
            entry.put("auth", Base64.getEncoder().encodeToString(
                    (credentials.username() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8)));
        }
        file.write(config);
    }

    /** Removes the stored credentials; returns false when there were none. */
    public boolean erase(String registry) {
        ObjectNode config = file.read();
        boolean removed = false;
        Optional<String> helper = helperFor(config, registry);
        if (helper.isPresent()) {
            helpers.apply(helper.get()).erase(serverKey(registry));
            removed = true;
        }
        JsonNode auths = config.get("auths");
        if (auths instanceof ObjectNode object) {
            for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
                if (registryOf(keys.next()).equals(registry)) {
                    keys.remove();
                    removed = true;
                }
            }
        }
        file.write(config);
        return removed;
    }

    /** The key Docker uses for {@code registry} in {@code auths} and with helpers. */
    public static String serverKey(String registry) {
        return registry.equals("docker.io") ? DOCKER_HUB_KEY : registry;
    }

    /** The registry an {@code auths} key or helper server URL stands for. */
    static String registryOf(String key) {
        String host = key.replaceFirst("^[a-zA-Z]+://", "");
        int slash = host.indexOf('/');
        host = slash < 0 ? host : host.substring(0, slash);
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? "docker.io" : host;
    }

    private static Optional<String> helperFor(ObjectNode config, String registry) {
        JsonNode helpers = config.get("credHelpers");
        if (helpers != null && helpers.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (registryOf(e.getKey()).equals(registry)) {
                    return Optional.of(e.getValue().asText());
                }
            }
        }
        JsonNode store = config.get("credsStore");
        return store != null && !store.asText().isBlank() ? Optional.of(store.asText()) : Optional.empty();
    }

    private static JsonNode authEntry(ObjectNode config, String registry) {
        JsonNode auths = config.get("auths");
        if (auths == null || !auths.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (registryOf(e.getKey()).equals(registry)) {
                return e.getValue();
            }
        }
        return null;
    }
}
