package dev.berth.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Docker Engine listens and how to reach it, resolved as the docker CLI does: {@code DOCKER_HOST} first,
 * then the context named by {@code DOCKER_CONTEXT}, then the {@code currentContext} of {@code config.json}, else
 * the local socket. {@code source} says which rule chose it (for messages such as "no Docker Engine at ...").
 *
 * @param host e.g. {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}
 * @param tlsVerify whether the client verifies the daemon's certificate and presents its own
 * @param certPath directory holding {@code ca.pem}, {@code cert.pem} and {@code key.pem}, when TLS is used
 * @param source human-readable origin, e.g. {@code DOCKER_HOST} or {@code context "remote"}
 */
public record DockerEndpoint(URI host, boolean tlsVerify, Optional<Path> certPath, String source) {
  /** The engine's socket when nothing else is configured. */
  public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

  private static final ObjectMapper JSON = new ObjectMapper();

  public DockerEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(certPath, "certPath");
    Objects.requireNonNull(source, "source");
  }

  /** Resolves the endpoint from this process's environment and the user's home directory. */
  public static DockerEndpoint fromEnvironment() {
    return resolve(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Resolves the endpoint from {@code env} and the docker configuration directory ({@code DOCKER_CONFIG}, else
   * {@code <home>/.docker}).
   *
   * @throws IllegalArgumentException when the configuration names a context that does not exist or is malformed
   */
  public static DockerEndpoint resolve(Map<String, String> env, Path home) {
    Path configDir = nonBlank(env.get("DOCKER_CONFIG")).map(Path::of).orElse(home.resolve(".docker"));
    boolean envTls = nonBlank(env.get("DOCKER_TLS_VERIFY")).filter(v -> !v.equals("0")).isPresent();
    Optional<Path> envCerts = nonBlank(env.get("DOCKER_CERT_PATH")).map(Path::of)
        .or(() -> envTls ? Optional.of(configDir) : Optional.empty());
    Optional<String> host = nonBlank(env.get("DOCKER_HOST"));
    if (host.isPresent()) {
      return new DockerEndpoint(URI.create(host.get()), envTls, envCerts, "DOCKER_HOST");
    }
    Optional<String> context = nonBlank(env.get("DOCKER_CONTEXT"))
        .map(c -> c + "\u0000DOCKER_CONTEXT")
        .or(() -> currentContext(configDir).map(c -> c + "\u0000" + configDir.resolve("config.json")));
    if (context.isPresent()) {
      String[] nameAndOrigin = context.get().split("\u0000", 2);
      String name = nameAndOrigin[0];
      if (!name.equals("default")) {
        return fromContext(configDir, name, nameAndOrigin[1]);
      }
    }
    return new DockerEndpoint(DEFAULT_HOST, envTls, envCerts, "default socket");
  }

  /** The directory name docker uses for a context: the hex SHA-256 of its name. */
  static String contextDirectoryName(String contextName) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(contextName.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static DockerEndpoint fromContext(Path configDir, String name, String origin) {
    String dir = contextDirectoryName(name);
    Path meta = configDir.resolve("contexts").resolve("meta").resolve(dir).resolve("meta.json");
    if (!Files.isRegularFile(meta)) {
      throw new IllegalArgumentException("docker context \"" + name + "\" (from " + origin + ") not found: "
          + meta + " does not exist; run `docker context ls` or unset DOCKER_CONTEXT");
    }
    JsonNode endpoint = readJson(meta).path("Endpoints").path("docker");
    String host = endpoint.path("Host").asText("");
    if (host.isBlank()) {
      throw new IllegalArgumentException("docker context \"" + name + "\" has no docker endpoint host in " + meta);
    }
    Path tls = configDir.resolve("contexts").resolve("tls").resolve(dir).resolve("docker");
    boolean hasTls = Files.isDirectory(tls);
    boolean skipVerify = endpoint.path("SkipTLSVerify").asBoolean(false);
    return new DockerEndpoint(URI.create(host), hasTls && !skipVerify, hasTls ? Optional.of(tls) : Optional.empty(),
        "context \"" + name + "\" (from " + origin + ")");
  }

  private static Optional<String> currentContext(Path configDir) {
    Path config = configDir.resolve("config.json");
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    return nonBlank(readJson(config).path("currentContext").asText(""));
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  @Override
  public String toString() {
    return host + " (" + source + ")";
  }
}
