package dev.berth.daemon.config;

import dev.berth.embedded.registry.InsecureRegistries;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a daemon configuration file that the berth engine uses, as dockerd names them in
 * {@code daemon.json}.
 *
 * @param registryMirrors    {@code registry-mirrors}: pull-through mirrors of Docker Hub, tried in order before it
 * @param insecureRegistries {@code insecure-registries}: {@code host[:port]} or CIDR networks spoken to over http or
 *                           unverified TLS (loopback registries always are, as in Docker)
 * @param ignored            keys of the file the berth engine does not use (dockerd settings), for a warning
 */
public record DaemonConfig(List<URI> registryMirrors, InsecureRegistries insecureRegistries, List<String> ignored) {
    public DaemonConfig {
        registryMirrors = List.copyOf(registryMirrors);
        Objects.requireNonNull(insecureRegistries, "insecureRegistries");
        ignored = List.copyOf(ignored);
    }

    /** No file: Docker Hub directly, loopback registries insecure. */
    public static DaemonConfig empty() {
        return new DaemonConfig(List.of(), InsecureRegistries.loopbackOnly(), List.of());
    }
}
