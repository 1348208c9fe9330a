package dev.berth.embedded.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.registry.auth.AuthChallenge;
import dev.berth.embedded.registry.auth.CredentialSource;
import dev.berth.embedded.registry.auth.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a registry's {@code WWW-Authenticate} challenges for one registry: Basic with the stored credentials, or
 * Bearer with a token from the challenge's realm (anonymous, with the stored credentials, or with an identity
 * token). Tokens are cached per scope until shortly before they expire.
 */
final class RegistryAuthenticator {
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private final String registry;
    private final CredentialSource credentials;
    private final HttpClient http;
    private final Map<List<String>, CachedHeader> cache = new ConcurrentHashMap<>();

    RegistryAuthenticator(String registry, CredentialSource credentials, HttpClient http) {
        this.registry = registry;
        this.credentials = credentials;
        this.http = http;
    }

    /** The header that worked last time for this scope, if still valid. */
    Optional<String> cachedHeader(Scope scope) {
        CachedHeader cached = cache.get(scope.tokenScopes());
        if (cached == null || cached.expires.isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(cached.header);
    }

    boolean hasCredentials() {
        return credentials().isPresent();
    }

    Optional<String> username() {
        return credentials().map(Credentials::username);
    }

    /** The {@code Authorization} header answering {@code challenge} for {@code scope}. */
    String respond(AuthChallenge challenge, Scope scope) {
        String header;
        Instant expires;
        if (challenge.isBasic()) {
            Credentials c = credentials().orElseThrow(() -> loginRequired("it asks for a user name and password"));
            header = c.basicHeader();
            expires = Instant.MAX;
        } else if (challenge.isBearer()) {
            Token token = fetchToken(challenge, scope);
            header = "Bearer " + token.value;
            expires = Instant.now().plus(token.lifetime).minusSeconds(5);
        } else {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "registry " + registry
                    + " asks for authentication scheme '" + challenge.scheme() + "', which Berth does not speak"
                    + " (only Basic and Bearer are supported)");
        }
        cache.put(scope.tokenScopes(), new CachedHeader(header, expires));
        return header;
    }

    void forget(Scope scope) {
        cache.remove(scope.tokenScopes());
    }

    RegistryException loginRequired(String why) {
        return new RegistryException(RegistryException.Kind.UNAUTHORIZED, registry, "registry " + registry
                + " requires authentication (" + why + "): run `berth login " + registry + "`");
    }

    RegistryException credentialsRefused(String detail) {
        String user = username().map(u -> " for user '" + u + "'").orElse("");
        return new RegistryException(RegistryException.Kind.UNAUTHORIZED, registry, "registry " + registry
                + " refused the credentials" + user + " (" + detail + "): check the user name and password and run `berth login "
                + registry + "`");
    }

    private Token fetchToken(AuthChallenge challenge, Scope scope) {
        String realm = challenge.parameter("realm").orElseThrow(() -> new RegistryException(
                RegistryException.Kind.PROTOCOL, registry, "registry " + registry + " sent a Bearer challenge without realm"));
        List<String> query = new ArrayList<>();
        challenge.parameter("service").ifPresent(s -> query.add("service=" + encode(s)));
        for (String s : scope.tokenScopes()) {
            query.add("scope=" + encode(s));
        }
        Optional<Credentials> c = credentials();
        HttpRequest request;
        try {
            if (c.isPresent() && c.get().isIdentityToken()) {
                query.add("grant_type=refresh_token");
                query.add("client_id=berth");
                query.add("refresh_token=" + encode(c.get().secret()));
                request = HttpRequest.newBuilder(URI.create(realm)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", query))).build();
            } else {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?")
                        + String.join("&", query))).timeout(Duration.ofSeconds(60)).GET();
                c.ifPresent(cred -> builder.header("Authorization", cred.basicHeader()));
                request = builder.build();
            }
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "registry " + registry
                    + " named an invalid token realm '" + realm + "'", e);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "cannot reach the token server "
                    + realm + " of registry " + registry + ": " + Connections.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "interrupted", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            String detail = RegistryErrors.describe(response.statusCode(), response.body());
            throw c.isPresent() ? credentialsRefused("token server " + realm + ": " + detail)
                    : loginRequired("its token server " + realm + " answered " + detail);
        }
        if (response.statusCode() != 200) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "the token server " + realm
                    + " of registry " + registry + " answered " + RegistryErrors.describe(response.statusCode(), response.body()));
        }
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
            if (value.isEmpty()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "the token server " + realm
                        + " of registry " + registry + " returned no token");
            }
            long seconds = body.path("expires_in").asLong(DEFAULT_TOKEN_LIFETIME.toSeconds());
            return new Token(value, Duration.ofSeconds(Math.max(seconds, 10)));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "the token server " + realm
                    + " of registry " + registry + " returned invalid JSON: " + e.getMessage(), e);
        }
    }

    /** Looked up on every challenge (not kept), so that a login or logout takes effect in long-lived engines. */
    private Optional<Credentials> credentials() {
        return credentials.lookup(registry);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Token(String value, Duration lifetime) {
    }

    private record CachedHeader(String header, Instant expires) {
    }
}
