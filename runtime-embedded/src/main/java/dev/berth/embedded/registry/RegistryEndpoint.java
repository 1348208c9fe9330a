package dev.berth.embedded.registry;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where registry requests go: a registry by its name, whose scheme is probed (https, or for insecure registries http
 * first), or a fixed base URL: a mirror of Docker Hub, or the endpoint Docker Hub itself is reached at.
 *
 * @param name   {@code host[:port]} (Docker Hub as {@code docker.io}): the key for credentials, certificates and
 *               the insecure-registries list
 * @param url    the base URL ({@code scheme://host[:port]}) when fixed; empty when the scheme is probed
 * @param mirror whether this endpoint mirrors Docker Hub (pulls only)
 */
public record RegistryEndpoint(String name, Optional<URI> url, boolean mirror) {
    public RegistryEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }

    /** A registry reached at its name. */
    public static RegistryEndpoint registry(String name) {
        return new RegistryEndpoint(name, Optional.empty(), false);
    }

    /** Docker Hub ({@code docker.io}) reached at {@code url}. */
    public static RegistryEndpoint hub(URI url) {
        return new RegistryEndpoint("docker.io", Optional.of(url), false);
    }

    /** A mirror of Docker Hub at {@code url} ({@code http(s)://host[:port]}). */
    public static RegistryEndpoint mirror(URI url) {
        return new RegistryEndpoint(url.getAuthority(), Optional.of(url), true);
    }

    /** For messages: {@code registry 127.0.0.1:5000} or {@code mirror http://127.0.0.1:5001}. */
    public String describe() {
        return mirror ? "mirror " + url.orElseThrow() : "registry " + name;
    }
}
