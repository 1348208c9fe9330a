package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.RegistryAuthHeaders;
import dev.berth.embedded.registry.RegistryClient;
import dev.berth.embedded.registry.RegistryException;
import dev.berth.embedded.registry.auth.Credentials;
import dev.berth.runtime.RegistryCredentials;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /auth} ({@code docker login}): checks the credentials of the body's {@code AuthConfig} against its
 * {@code serveraddress} (Docker Hub when empty), as dockerd does, and stores nothing: the client keeps them and sends
 * them with each pull and push. Refused credentials answer 401, an unreachable registry 500.
 */
final class AuthHandler {
    private final EngineBacking backing;

    AuthHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("POST", "/auth", this::login);
    }

    private void login(ApiCall call) throws IOException {
        JsonNode body = call.body();
        String server = body.path("serveraddress").asText("");
        String registry = server.isBlank() ? "docker.io" : RegistryAuthHeaders.registryOf(server);
        RegistryCredentials given;
        try {
            given = RegistryAuthHeaders.credentials(body, "the login").orElseThrow(() -> ApiException.badRequest(
                    "the login has neither a user name nor an identity token"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Credentials credentials = given.identityToken()
                .map(t -> new Credentials(Credentials.IDENTITY_TOKEN_USER, t))
                .orElseGet(() -> new Credentials(given.username(), given.password()));
        try {
            new RegistryClient(backing.registry().withCredentials(r -> r.equals(registry) ? Optional.of(credentials)
                    : Optional.empty())).verifyLogin(registry);
        } catch (RegistryException e) {
            throw new ApiException(e.kind() == RegistryException.Kind.UNAUTHORIZED ? 401 : 500, e.getMessage());
        }
        call.json(200, Json.object().put("Status", "Login Succeeded").put("IdentityToken", ""));
    }
}
