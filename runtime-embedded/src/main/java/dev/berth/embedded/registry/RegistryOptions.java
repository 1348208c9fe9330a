package dev.berth.embedded.registry;

import dev.berth.embedded.registry.auth.CredentialSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the client reaches registries.
 *
 * @param credentials         where user names and passwords come from (usually {@code ~/.docker/config.json})
 * @param insecure            registries that may be spoken to over plain http or with an unverified certificate
 *                            (Docker's {@code insecure-registries}; loopback ones by default)
 * @param hub                 Docker Hub's endpoint and its mirrors (Docker's {@code registry-mirrors})
 * @param certsDir            Docker's {@code certs.d} layout: {@code <certsDir>/<host[:port]>/ca.crt} is trusted for
 *                            that registry in addition to the JVM's CAs; empty for none
 * @param trustFile           PEM certificates trusted for every registry in addition to the JVM's CAs; empty for none
 * @param connectTimeout      how long to wait for a connection
 * @param chunkSize           blobs larger than this are uploaded in chunks of this size (PATCH), smaller ones in one PUT
 * @param parallelLayers      how many blobs are transferred at once
 */
public record RegistryOptions(CredentialSource credentials, InsecureRegistries insecure, DockerHub hub,
                              Optional<Path> certsDir, Optional<Path> trustFile, Duration connectTimeout,
                              long chunkSize, int parallelLayers) {
    public static final long DEFAULT_CHUNK_SIZE = 16L * 1024 * 1024;

    public RegistryOptions {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(insecure, "insecure");
        Objects.requireNonNull(hub, "hub");
        if (chunkSize <= 0 || parallelLayers <= 0) {
            throw new IllegalArgumentException("chunkSize and parallelLayers must be positive");
        }
    }

    /** Credentials from the given source, Docker's defaults for everything else. */
    public static RegistryOptions defaults(CredentialSource credentials) {
        Path certs = Path.of("/etc/docker/certs.d");
        return new RegistryOptions(credentials, InsecureRegistries.loopbackOnly(), DockerHub.defaults(),
                Optional.of(certs), Optional.empty(), Duration.ofSeconds(15), DEFAULT_CHUNK_SIZE, 4);
    }

    public RegistryOptions withCertsDir(Path dir) {
        return new RegistryOptions(credentials, insecure, hub, Optional.of(dir), trustFile, connectTimeout, chunkSize,
                parallelLayers);
    }

    public RegistryOptions withLoopbackInsecure(boolean loopback) {
        return withInsecure(insecure.withLoopback(loopback));
    }

    public RegistryOptions withInsecure(InsecureRegistries registries) {
        return new RegistryOptions(credentials, registries, hub, certsDir, trustFile, connectTimeout, chunkSize,
                parallelLayers);
    }

    public RegistryOptions withHub(DockerHub value) {
        return new RegistryOptions(credentials, insecure, value, certsDir, trustFile, connectTimeout, chunkSize,
                parallelLayers);
    }

    public RegistryOptions withChunkSize(long size) {
        return new RegistryOptions(credentials, insecure, hub, certsDir, trustFile, connectTimeout, size,
                parallelLayers);
    }

    public RegistryOptions withCredentials(CredentialSource source) {
        return new RegistryOptions(source, insecure, hub, certsDir, trustFile, connectTimeout, chunkSize,
                parallelLayers);
    }

    /** Whether {@code registry} may be spoken to without verified TLS. */
    public boolean isInsecure(String registry) {
        return insecure.contains(registry);
    }

    static String hostOf(String registry) {
        if (registry.startsWith("[")) {
            return registry.substring(0, registry.indexOf(']') + 1);
        }
        int colon = registry.lastIndexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }
}
