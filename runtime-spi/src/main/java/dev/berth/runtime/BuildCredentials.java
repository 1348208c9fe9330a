package dev.berth.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry logins a client hands to one build, for the images its Dockerfile names (base images, {@code COPY
 * --from} images), as Docker's {@code X-Registry-Config} carries them: credentials by registry. A registry is named
 * as {@link ImageName#registry()} names it ({@code host[:port]}, Docker Hub as {@code docker.io}); server addresses
 * as Docker clients store them ({@code https://index.docker.io/v1/}, {@code https://host/v2/}) are reduced to that
 * form. They are used ahead of whatever the runtime has configured for a registry.
 *
 * @param byRegistry the credentials for each registry
 */
public record BuildCredentials(Map<String, RegistryCredentials> byRegistry) {
  /** No logins: the runtime's own credentials for every registry. */
  public static final BuildCredentials NONE = new BuildCredentials(Map.of());

  public BuildCredentials {
    Objects.requireNonNull(byRegistry, "byRegistry");
    Map<String, RegistryCredentials> normalized = new java.util.LinkedHashMap<>();
    byRegistry.forEach((server, credentials) -> normalized.put(registryOf(server),
        Objects.requireNonNull(credentials, "credentials for " + server)));
    byRegistry = java.util.Collections.unmodifiableMap(normalized);
  }

  /** The credentials for {@code registry} ({@code host[:port]}, {@code docker.io}), if the client gave some. */
  public Optional<RegistryCredentials> forRegistry(String registry) {
    return Optional.ofNullable(byRegistry.get(registryOf(registry)));
  }

  /** The credentials for the registry {@code image} names; none for image ids and other non-names. */
  public Optional<RegistryCredentials> forImage(ImageRef image) {
    return !image.value().startsWith("sha256:") && ImageName.isValid(image.value())
        ? forRegistry(image.parse().registry()) : Optional.empty();
  }

  public boolean isEmpty() {
    return byRegistry.isEmpty();
  }

  /**
   * The registry a server address stands for: the host and port without scheme or path, Docker Hub's addresses
   * ({@code index.docker.io}, {@code registry-1.docker.io}) as {@code docker.io}.
   */
  public static String registryOf(String serverAddress) {
    String host = serverAddress.strip().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = host.indexOf('/');
    host = slash < 0 ? host : host.substring(0, slash);
    if (host.isEmpty()) {
      throw new IllegalArgumentException("registry server address '" + serverAddress + "' names no host");
    }
    return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? "docker.io" : host;
  }

  /** Never shows passwords or tokens. */
  @Override
  public String toString() {
    return "BuildCredentials" + byRegistry.keySet();
  }
}
