package dev.berth.embedded.registry;

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
 * The HTTP side of one registry endpoint, without credentials: picks the scheme (https; for insecure registries
 * plain http first, then https without verification, as Docker does; a fixed URL as given) and sends requests,
 * following redirects without carrying the {@code Authorization} header to other hosts. Shared by every
 * {@link RegistryConnection} to the endpoint.
 */
final class RegistryTransport {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(30);
    private final RegistryEndpoint endpoint;
    private final HttpClient http;
    private final URI base;

    private RegistryTransport(RegistryEndpoint endpoint, HttpClient http, URI base) {
        this.endpoint = endpoint;
        this.http = http;
        this.base = base;
    }

    /** Connects to {@code endpoint}, trying the schemes its security allows until one answers {@code GET /v2/}. */
    static RegistryTransport open(RegistryEndpoint endpoint, RegistryOptions options) {
        String registry = endpoint.name();
        boolean plainUrl = endpoint.url().map(u -> "http".equals(u.getScheme())).orElse(false);
        boolean insecure = plainUrl || options.isInsecure(registry);
        SSLContext tls = insecure ? TlsContexts.unverified()
                : TlsContexts.trusting(TlsContexts.extraCertificates(options, registry));
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        // an insecure registry is asked over plain http first: a registry answers GET /v2/ with 200 or 401, a TLS
        // port with something else (Go says 400), and then https is tried; no credentials go out before that
        List<URI> candidates = endpoint.url().map(u -> List.of(u.resolve("/v2/"))).orElseGet(() -> insecure
                ? List.of(URI.create("http://" + registry + "/v2/"), URI.create("https://" + registry + "/v2/"))
                : List.of(URI.create("https://" + registry + "/v2/")));
        IOException failure = null;
        URI failedAt = null;
        for (int i = 0; i < candidates.size(); i++) {
            URI base = candidates.get(i);
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(base).timeout(PING_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                boolean answersAsRegistry = ping.statusCode() == 200 || ping.statusCode() == 401;
                if (answersAsRegistry || i == candidates.size() - 1) {
                    return new RegistryTransport(endpoint, http, base);
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
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, endpoint.describe()
                    + " does not answer GET /v2/ as a registry over http or https (is it a registry?)");
        }
        throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "cannot reach "
                + endpoint.describe() + " at " + failedAt + ": " + Connections.describe(failure), failure);
    }

    RegistryEndpoint endpoint() {
        return endpoint;
    }

    HttpClient http() {
        return http;
    }

    /** Sends {@code request} with {@code auth} as its {@code Authorization} header (same host only). */
    HttpResponse<InputStream> exchange(RegistryRequest request, Optional<String> auth) {
        String registry = endpoint.name();
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
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "cannot reach "
                        + endpoint.describe() + " (" + method + " " + uri + "): " + Connections.describe(e), e);
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
                throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, endpoint.describe()
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
        throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, endpoint.describe()
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
