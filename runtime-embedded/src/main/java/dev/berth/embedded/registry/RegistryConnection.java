package dev.berth.embedded.registry;

import dev.berth.embedded.registry.auth.AuthChallenge;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The HTTP side of one registry: picks https, or for insecure registries https without verification and then plain
 * http (as Docker does); sends requests, answering authentication challenges once and following redirects without
 * carrying credentials to other hosts.
 */
final class RegistryConnection {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(30);
    private final String registry;
    private final HttpClient http;
    private final URI base;
    private final RegistryAuthenticator authenticator;

    private RegistryConnection(String registry, HttpClient http, URI base, RegistryAuthenticator authenticator) {
        this.registry = registry;
        this.http = http;
        this.base = base;
        this.authenticator = authenticator;
    }

    /** Connects to {@code registry}, trying the schemes its security allows until one answers {@code GET /v2/}. */
    static RegistryConnection open(String registry, RegistryOptions options) {
        boolean insecure = options.isInsecure(registry);
        SSLContext tls = insecure ? TlsContexts.unverified()
                : TlsContexts.trusting(TlsContexts.extraCertificates(options, registry));
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
        // an insecure registry is asked over plain http first: a registry answers GET /v2/ with 200 or 401, a TLS
        // port with something else (Go says 400), and then https is tried; no credentials go out before that
        List<String> schemes = insecure ? List.of("http", "https") : List.of("https");
        IOException failure = null;
        URI failedAt = null;
        for (String scheme : schemes) {
            URI base = URI.create(scheme + "://" + host + "/v2/");
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(base).timeout(PING_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                boolean answersAsRegistry = ping.statusCode() == 200 || ping.statusCode() == 401;
                if (scheme.equals("https") || answersAsRegistry) {
                    return new RegistryConnection(registry, http, base,
                            new RegistryAuthenticator(registry, options.credentials(), http));
                }
            } catch (IOException e) {
                failure = e;
                failedAt = base;
                if (e instanceof java.net.ConnectException || e instanceof HttpConnectTimeoutException) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "interrupted", e);
            }
        }
        if (failure == null) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "registry " + registry
                    + " does not answer GET /v2/ as a registry over http or https (is it a registry?)");
        }
        throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "cannot reach registry " + registry
                + " at " + failedAt + ": " + Connections.describe(failure), failure);
    }

    /**
     * Sends {@code request}; on 401 answers the challenge and sends it once more. The caller closes the body.
     *
     * @throws RegistryException UNAUTHORIZED when the second answer is 401 too
     */
    HttpResponse<InputStream> send(RegistryRequest request, Scope scope) {
        Optional<String> auth = authenticator.cachedHeader(scope);
        HttpResponse<InputStream> response = exchange(request, auth);
        if (response.statusCode() != 401) {
            return response;
        }
        String header = response.headers().firstValue("WWW-Authenticate").orElse("");
        close(response);
        AuthChallenge challenge = AuthChallenge.parse(header).orElseThrow(() -> authenticator.hasCredentials()
                ? authenticator.credentialsRefused("HTTP 401 without a challenge")
                : authenticator.loginRequired("HTTP 401 without a challenge"));
        authenticator.forget(scope);
        String answer = authenticator.respond(challenge, scope);
        response = exchange(request, Optional.of(answer));
        if (response.statusCode() == 401) {
            byte[] body = readAll(response);
            authenticator.forget(scope);
            String detail = RegistryErrors.describe(401, body) + (scope.tokenScopes().isEmpty() ? ""
                    : " for " + String.join(" ", scope.tokenScopes()));
            throw authenticator.hasCredentials() ? authenticator.credentialsRefused(detail)
                    : authenticator.loginRequired(detail);
        }
        return response;
    }

    private HttpResponse<InputStream> exchange(RegistryRequest request, Optional<String> auth) {
        URI uri = resolve(request.target());
        String method = request.method();
        boolean sameHost = true;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method,
                    method.equals(request.method()) ? request.body().get() : HttpRequest.BodyPublishers.noBody());
            request.headers().forEach(builder::header);
            if (sameHost) {
                auth.ifPresent(a -> builder.header("Authorization", a));
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "cannot reach registry "
                        + registry + " (" + method + " " + uri + "): " + Connections.describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "interrupted", e);
            }
            if (!REDIRECTS.contains(response.statusCode())) {
                return response;
            }
            Optional<String> location = response.headers().firstValue("Location");
            close(response);
            if (location.isEmpty()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "registry " + registry
                        + " redirected " + uri + " without a Location");
            }
            URI next = uri.resolve(location.get());
            sameHost = sameHost && next.getHost() != null && next.getHost().equals(base.getHost())
                    && next.getPort() == base.getPort();
            if (response.statusCode() == 303) {
                method = "GET";
            }
            uri = next;
        }
        throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "registry " + registry
                + " redirected more than " + MAX_REDIRECTS + " times for " + request.target());
    }

    /** Resolves a path relative to {@code /v2/} or an absolute/host-relative upload location. */
    URI resolve(String target) {
        return base.resolve(target);
    }

    static byte[] readAll(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the connection is discarded anyway
        }
    }
}
