package dev.berth.embedded.registry.auth;

import java.util.Optional;

/** Finds the credentials stored for a registry ({@code host[:port]}, Docker Hub as {@code docker.io}). */
@FunctionalInterface
public interface CredentialSource {
    CredentialSource NONE = registry -> Optional.empty();

    Optional<Credentials> lookup(String registry);
}
