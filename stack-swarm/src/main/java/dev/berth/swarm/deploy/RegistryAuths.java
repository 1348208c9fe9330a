package dev.berth.swarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The credentials {@code docker login} stored for an image's registry in {@code config.json}: a credential helper
 * ({@code credHelpers} for that registry, else {@code credsStore}) or the base64 {@code auths} entry.
 */
final class RegistryAuths {
    static final String DOCKER_HUB = "https://index.docker.io/v1/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path configDir;
    private final Map<String, String> helperEnvironment;

    RegistryAuths(Path configDir, Map<String, String> helperEnvironment) {
        this.configDir = configDir;
        this.helperEnvironment = helperEnvironment;
    }

    /** The registry part of an image reference, Docker Hub's index address when it has none. */
    static String registryOf(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return DOCKER_HUB;
        }
        String first = image.substring(0, slash);
        boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost");
        return isHost && !first.equals("docker.io") && !first.equals("index.docker.io") ? first : DOCKER_HUB;
    }

    /** The credentials for {@code image}'s registry, when config.json has some. */
    Optional<AuthConfig> forImage(String image) {
        String registry = registryOf(image);
        Path file = configDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage()
                    + "; fix the file or deploy without --with-registry-auth", e);
        }
        String helper = config.path("credHelpers").path(registry).asText(config.path("credsStore").asText(""));
        if (!helper.isEmpty()) {
            return fromHelper(helper, registry);
        }
        JsonNode entry = config.path("auths").path(registry);
        if (entry.isMissingNode()) {
            return Optional.empty();
        }
        AuthConfig auth = new AuthConfig().withRegistryAddress(registry);
        String encoded = entry.path("auth").asText("");
        if (!encoded.isEmpty()) {
            String[] userAndPassword = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).split(":", 2);
            auth.withUsername(userAndPassword[0]).withPassword(userAndPassword.length > 1 ? userAndPassword[1] : "");
        }
        String token = entry.path("identitytoken").asText("");
        return Optional.of(token.isEmpty() ? auth : auth.withIdentityToken(token));
    }

    /** Runs {@code docker-credential-<helper> get} with the registry on stdin, as the docker CLI does. */
    private Optional<AuthConfig> fromHelper(String helper, String registry) {
        String program = onPath("docker-credential-" + helper);
        try {
            ProcessBuilder builder = new ProcessBuilder(program, "get").redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(helperEnvironment);
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(registry.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty(); // the helper has nothing for this registry
            }
            JsonNode credentials = JSON.readTree(out);
            String user = credentials.path("Username").asText("");
            String secret = credentials.path("Secret").asText("");
            AuthConfig auth = new AuthConfig().withRegistryAddress(registry);
            return Optional.of(user.equals("<token>") ? auth.withIdentityToken(secret)
                    : auth.withUsername(user).withPassword(secret));
        } catch (IOException e) {
            throw new IllegalArgumentException("credential helper " + program + " (named in config.json) cannot run: "
                    + e.getMessage() + "; install it or deploy without --with-registry-auth", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + program, e);
        }
    }

    /** The first executable {@code name} on the helper environment's PATH (the JVM would search its own); else the name. */
    private String onPath(String name) {
        for (String dir : helperEnvironment.getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (candidate.isAbsolute() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return name;
    }
}
