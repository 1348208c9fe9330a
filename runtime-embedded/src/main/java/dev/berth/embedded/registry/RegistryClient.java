package dev.berth.embedded.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.image.MediaTypes;
import dev.berth.embedded.registry.auth.CredentialSource;
import dev.berth.runtime.ImageName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A client of the OCI distribution protocol: manifests and blobs down, blobs and manifests up. It knows nothing of
 * the image store; digests of downloaded blobs are verified by whoever stores them. Thread-safe; one connection
 * (scheme, TLS settings, credentials, tokens) per registry.
 */
public final class RegistryClient {
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    private static final String SCHEMA1 = "application/vnd.docker.distribution.manifest.v1";
    private final RegistryOptions options;
    private final CredentialSource credentials;
    private final Map<RegistryEndpoint, RegistryTransport> transports;
    private final Map<RegistryEndpoint, RegistryConnection> connections = new ConcurrentHashMap<>();
    private final Supplier<java.net.http.HttpClient> external;

    public RegistryClient(RegistryOptions options) {
        this(options, options.credentials(), new ConcurrentHashMap<>(), new ExternalClient(options));
    }

    private RegistryClient(RegistryOptions options, CredentialSource credentials,
                           Map<RegistryEndpoint, RegistryTransport> transports,
                           Supplier<java.net.http.HttpClient> external) {
        this.options = options;
        this.credentials = credentials;
        this.transports = transports;
        this.external = external;
    }

    public RegistryOptions options() {
        return options;
    }

    /**
     * A client that asks {@code preferred} first and this client's credentials second (per-call credentials, such as
     * a Docker client's {@code X-Registry-Auth}). It shares the connections' transports with this client, but not
     * the tokens obtained with other credentials.
     */
    public RegistryClient withCredentials(CredentialSource preferred) {
        CredentialSource fallback = credentials;
        return new RegistryClient(options, registry -> preferred.lookup(registry).or(() -> fallback.lookup(registry)),
                transports, external);
    }

    /** Where {@code registry} ({@code host[:port]}, Docker Hub as {@code docker.io}) is reached. */
    public RegistryEndpoint endpoint(String registry) {
        return registry.equals("docker.io") ? RegistryEndpoint.hub(options.hub().endpoint())
                : RegistryEndpoint.registry(registry);
    }

    /** The endpoints to pull {@code name} from, in order: Docker Hub's mirrors first for its images. */
    public List<RegistryEndpoint> pullEndpoints(ImageName name) {
        return name.registry().equals("docker.io") ? options.hub().pullEndpoints()
                : List.of(endpoint(name.registry()));
    }

    /** Checks that the registry is reachable and accepts the stored credentials (for {@code berth login}). */
    public void verifyLogin(String registry) {
        RegistryConnection connection = connection(endpoint(registry));
        HttpResponse<InputStream> response = connection.send(RegistryRequest.get(""), Scope.registryOnly());
        byte[] body = RegistryConnection.readAll(response);
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "registry " + registry
                    + " answered the login check with " + RegistryErrors.describe(response.statusCode(), body));
        }
    }

    /**
     * Fetches the manifest or index {@code name} refers to (by digest when it has one, else by tag) from its registry.
     *
     * @throws RegistryException NOT_FOUND, DIGEST_MISMATCH, or PROTOCOL for schema 1 manifests
     */
    public RegistryManifest fetchManifest(ImageName name) {
        return fetchManifest(endpoint(name.registry()), name);
    }

    /** Fetches the manifest or index {@code name} refers to from {@code from} (its registry or a mirror). */
    public RegistryManifest fetchManifest(RegistryEndpoint from, ImageName name) {
        RegistryConnection connection = connection(from);
        HttpResponse<InputStream> response = connection.send(RegistryRequest.get(name.repository() + "/manifests/"
                + name.manifestReference()).header("Accept", ACCEPT), Scope.pull(name.repository()));
        byte[] body = RegistryConnection.readAll(response);
        if (response.statusCode() == 404) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, from.name(), "manifest for "
                    + name.familiar() + " not found in " + from.describe() + " ("
                    + RegistryErrors.describe(404, body) + "); check the repository name and tag");
        }
        expectStatus(from, response, body, 200, "GET manifest " + name.familiar());
        String mediaType = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip())
                .filter(t -> !t.isEmpty() && !t.equals("application/json")).orElseGet(() -> mediaTypeInside(body));
        if (mediaType.startsWith(SCHEMA1) || schemaVersion(body) == 1) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, from.name(), "image " + name.familiar()
                    + " in " + from.describe() + " has a Docker schema 1 manifest, which Berth (like current"
                    + " Docker) refuses; re-push it with a current Docker, buildah or skopeo");
        }
        Digest actual = Digest.of(body);
        Optional<String> expected = name.digestOptional()
                .or(() -> response.headers().firstValue("Docker-Content-Digest"));
        if (expected.isPresent() && !expected.get().equals(actual.toString())) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, from.name(), "the manifest of "
                    + name.familiar() + " from " + from.describe() + " has digest " + actual + " but "
                    + expected.get() + " was expected; the registry or a proxy corrupted it");
        }
        return new RegistryManifest(body, mediaType, actual);
    }

    /** Opens a blob's content; the caller reads it to the end, verifies the digest and closes the stream. */
    public InputStream openBlob(ImageName name, Digest digest) {
        return openBlob(name, digest, 0);
    }

    /**
     * Opens a blob's content from byte {@code offset} on (a {@code Range} request, to resume a broken download);
     * registries that ignore the range send everything and the first {@code offset} bytes are skipped here.
     */
    public InputStream openBlob(ImageName name, Digest digest, long offset) {
        return openBlob(endpoint(name.registry()), name, digest, offset);
    }

    /** As {@link #openBlob(ImageName, Digest, long)}, from {@code from} (its registry or a mirror). */
    public InputStream openBlob(RegistryEndpoint from, ImageName name, Digest digest, long offset) {
        RegistryConnection connection = connection(from);
        RegistryRequest request = RegistryRequest.get(name.repository() + "/blobs/" + digest);
        if (offset > 0) {
            request = request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response = connection.send(request, Scope.pull(name.repository()));
        if (offset > 0 && response.statusCode() == 206) {
            return response.body();
        }
        if (offset > 0 && response.statusCode() == 200) {
            InputStream body = response.body();
            try {
                body.skipNBytes(offset);
            } catch (IOException e) {
                RegistryConnection.close(response);
                throw new UncheckedIOException("cannot resume blob " + digest + " at byte " + offset, e);
            }
            return body;
        }
        if (response.statusCode() != 200) {
            byte[] body = RegistryConnection.readAll(response);
            RegistryException.Kind kind = response.statusCode() == 404 ? RegistryException.Kind.NOT_FOUND
                    : RegistryException.Kind.PROTOCOL;
            throw new RegistryException(kind, from.name(), "cannot fetch blob " + digest + " of " + name.familiar()
                    + " from " + from.describe() + ": " + RegistryErrors.describe(response.statusCode(), body));
        }
        return response.body();
    }

    /**
     * Opens a non-distributable layer at one of the URLs its descriptor lists (plain GET, no registry credentials);
     * the caller verifies the digest.
     */
    public InputStream openExternal(String registry, String url) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "invalid layer URL '" + url + "'", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry, "layer URL '" + url
                    + "' is neither http nor https");
        }
        try {
            HttpResponse<InputStream> response = external().send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                RegistryConnection.close(response);
                throw new RegistryException(RegistryException.Kind.NOT_FOUND, registry, "GET " + url + " answered HTTP "
                        + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "cannot fetch " + url + ": "
                    + Connections.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry, "interrupted", e);
        }
    }

    private java.net.http.HttpClient external() {
        return external.get();
    }

    /** The plain client for non-distributable layers' URLs, made on first use and shared by all views. */
    private static final class ExternalClient implements Supplier<java.net.http.HttpClient> {
        private final RegistryOptions options;
        private java.net.http.HttpClient client;

        ExternalClient(RegistryOptions options) {
            this.options = options;
        }

        @Override
        public synchronized java.net.http.HttpClient get() {
            if (client == null) {
                client = java.net.http.HttpClient.newBuilder().connectTimeout(options.connectTimeout())
                        .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
            }
            return client;
        }
    }

    /** Whether the repository already has the blob ({@code HEAD}). */
    public boolean blobExists(ImageName name, Digest digest) {
        RegistryConnection connection = connection(endpoint(name.registry()));
        HttpResponse<InputStream> response = connection.send(RegistryRequest.head(name.repository() + "/blobs/" + digest),
                Scope.push(name.repository()));
        RegistryConnection.close(response);
        return response.statusCode() == 200;
    }

    /**
     * Uploads a blob unless a mount from {@code mountFrom} (another repository of the same registry) succeeds. Blobs
     * up to the chunk size go in one PUT; larger ones in PATCH chunks. {@code progress} receives bytes sent so far.
     *
     * @return true when the blob was mounted rather than uploaded
     */
    public boolean uploadBlob(ImageName name, Digest digest, long size, Supplier<InputStream> content,
                              Optional<String> mountFrom, LongConsumer progress) {
        RegistryConnection connection = connection(endpoint(name.registry()));
        Scope scope = mountFrom.map(Scope.push(name.repository())::mountingFrom).orElse(Scope.push(name.repository()));
        String start = name.repository() + "/blobs/uploads/"
                + mountFrom.map(from -> "?mount=" + digest + "&from=" + from).orElse("");
        HttpResponse<InputStream> response = connection.send(RegistryRequest.of("POST", start,
                HttpRequest.BodyPublishers::noBody), scope);
        byte[] body = RegistryConnection.readAll(response);
        if (response.statusCode() == 201 && mountFrom.isPresent()) {
            progress.accept(size);
            return true;
        }
        expectStatus(name.registry(), response, body, 202, "start upload of " + digest + " to " + name.canonicalName());
        String location = location(name, response);
        if (size <= options.chunkSize()) {
            String target = withDigest(location, digest);
            response = connection.send(new RegistryRequest("PUT", target, Map.of("Content-Type",
                    "application/octet-stream"), () -> HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(content), size)), scope);
            expectStatus(name.registry(), response, RegistryConnection.readAll(response), 201,
                    "upload of " + digest + " to " + name.canonicalName());
            progress.accept(size);
            return false;
        }
        location = uploadChunks(connection, name, scope, location, content, size, progress);
        response = connection.send(RegistryRequest.of("PUT", withDigest(location, digest),
                HttpRequest.BodyPublishers::noBody), scope);
        expectStatus(name.registry(), response, RegistryConnection.readAll(response), 201,
                "finish upload of " + digest + " to " + name.canonicalName());
        return false;
    }

    /** Stores a manifest under a tag or digest; returns the digest the registry reports (or computes). */
    public Digest putManifest(ImageName name, String reference, String mediaType, byte[] manifest) {
        RegistryConnection connection = connection(endpoint(name.registry()));
        HttpResponse<InputStream> response = connection.send(new RegistryRequest("PUT", name.repository()
                + "/manifests/" + reference, Map.of("Content-Type", mediaType),
                () -> HttpRequest.BodyPublishers.ofByteArray(manifest)), Scope.push(name.repository()));
        expectStatus(name.registry(), response, RegistryConnection.readAll(response), 201,
                "push manifest " + name.canonicalName() + ":" + reference);
        return Digest.of(manifest);
    }

    private String uploadChunks(RegistryConnection connection, ImageName name, Scope scope, String location,
                                Supplier<InputStream> content, long size, LongConsumer progress) {
        byte[] buffer = new byte[(int) Math.min(options.chunkSize(), Integer.MAX_VALUE - 16)];
        long offset = 0;
        try (InputStream in = content.get()) {
            while (offset < size) {
                int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, size - offset));
                if (n == 0) {
                    throw new IllegalStateException("blob content ended at " + offset + " of " + size + " bytes");
                }
                byte[] chunk = java.util.Arrays.copyOf(buffer, n);
                String range = offset + "-" + (offset + n - 1);
                HttpResponse<InputStream> response = connection.send(new RegistryRequest("PATCH", location,
                        Map.of("Content-Type", "application/octet-stream", "Content-Range", range),
                        () -> HttpRequest.BodyPublishers.ofByteArray(chunk)), scope);
                expectStatus(name.registry(), response, RegistryConnection.readAll(response), 202,
                        "upload chunk " + range + " to " + name.canonicalName());
                location = location(name, response);
                offset += n;
                progress.accept(offset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the blob being uploaded to " + name.canonicalName(), e);
        }
        return location;
    }

    private static String location(ImageName name, HttpResponse<InputStream> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                RegistryException.Kind.PROTOCOL, name.registry(), "registry " + name.registry()
                + " started an upload without a Location header"));
    }

    private static String withDigest(String location, Digest digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    private static void expectStatus(String registry, HttpResponse<InputStream> response, byte[] body, int expected,
                                     String what) {
        expectStatus(RegistryEndpoint.registry(registry), response, body, expected, what);
    }

    private static void expectStatus(RegistryEndpoint at, HttpResponse<InputStream> response, byte[] body,
                                     int expected, String what) {
        int status = response.statusCode();
        if (status == expected || (expected == 201 && status == 200)) {
            return;
        }
        String registry = at.name();
        RegistryException.Kind kind = status == 403 ? RegistryException.Kind.UNAUTHORIZED
                : status == 404 ? RegistryException.Kind.NOT_FOUND : RegistryException.Kind.PROTOCOL;
        String hint = status == 403 ? " (the account may lack permission: check with the registry's administrator or"
                + " run `berth login " + registry + "`)" : "";
        throw new RegistryException(kind, registry, what + " failed at " + at.describe() + ": "
                + RegistryErrors.describe(status, body) + hint);
    }

    private static String mediaTypeInside(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node.path("mediaType").asText(node.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST);
        } catch (IOException e) {
            return "";
        }
    }

    private static int schemaVersion(byte[] body) {
        try {
            return Json.MAPPER.readTree(body).path("schemaVersion").asInt(2);
        } catch (IOException e) {
            return 2;
        }
    }

    private RegistryConnection connection(RegistryEndpoint endpoint) {
        return connections.computeIfAbsent(endpoint, e -> new RegistryConnection(
                transports.computeIfAbsent(e, t -> RegistryTransport.open(t, options)), credentials));
    }
}
