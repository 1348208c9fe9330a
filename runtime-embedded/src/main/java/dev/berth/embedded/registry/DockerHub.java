package dev.berth.embedded.registry;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How images of {@code docker.io} are pulled: from each mirror in order (Docker's {@code registry-mirrors}), then
 * from Docker Hub's own endpoint. Pushes go to the endpoint only.
 *
 * @param endpoint where Docker Hub answers ({@code https://registry-1.docker.io})
 * @param mirrors  {@code http(s)://host[:port]} pull-through mirrors, tried first
 */
public record DockerHub(URI endpoint, List<URI> mirrors) {
    public static final URI DEFAULT_ENDPOINT = URI.create("https://registry-1.docker.io");

    public DockerHub {
        Objects.requireNonNull(endpoint, "endpoint");
        mirrors = List.copyOf(mirrors);
        requireBaseUrl(endpoint, "the Docker Hub endpoint");
        mirrors.forEach(m -> requireBaseUrl(m, "registry mirror"));
    }

    /** Docker Hub itself, no mirrors. */
    public static DockerHub defaults() {
        return new DockerHub(DEFAULT_ENDPOINT, List.of());
    }

    public DockerHub withMirrors(List<URI> urls) {
        return new DockerHub(endpoint, urls);
    }

    public DockerHub withEndpoint(URI url) {
        return new DockerHub(url, mirrors);
    }

    /** The endpoints a pull of a Docker Hub image tries, in order. */
    List<RegistryEndpoint> pullEndpoints() {
        List<RegistryEndpoint> out = new java.util.ArrayList<>();
        mirrors.forEach(m -> out.add(RegistryEndpoint.mirror(m)));
        out.add(RegistryEndpoint.hub(endpoint));
        return out;
    }

    /**
     * Checks that {@code url} is {@code http(s)://host[:port]} with nothing else (no user, path, query or fragment),
     * as Docker requires of mirrors.
     *
     * @throws IllegalArgumentException saying what is wrong and how it should look
     */
    static void requireBaseUrl(URI url, String what) {
        String problem = null;
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            problem = "must start with http:// or https://";
        } else if (url.getHost() == null) {
            problem = "has no host";
        } else if (url.getUserInfo() != null) {
            problem = "must not contain credentials";
        } else if (url.getQuery() != null || url.getFragment() != null) {
            problem = "must not have a query or fragment";
        } else if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
            problem = "must not have a path";
        }
        if (problem != null) {
            throw new IllegalArgumentException(what + " '" + url + "' " + problem + "; write it as"
                    + " https://host[:port] (or http:// for a mirror without TLS)");
        }
    }
}
