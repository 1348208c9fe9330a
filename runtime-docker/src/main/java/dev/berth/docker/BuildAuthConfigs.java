package dev.berth.docker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The logins a build sends as {@code X-Registry-Config}: the caller's {@link BuildCredentials} keyed by server
 * address as the docker CLI keys them ({@code https://index.docker.io/v1/} for Docker Hub, {@code host[:port]}
 * otherwise); without any, the logins of the Docker client configuration ({@code ~/.docker/config.json}), which is
 * what docker-java sends by itself.
 */
final class BuildAuthConfigs {
  static final String HEADER = "X-Registry-Config";
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private BuildAuthConfigs() {
  }

  /** The caller's logins as docker-java carries them; null when the caller gave none. */
  static AuthConfigurations of(BuildCredentials credentials) {
    if (credentials.isEmpty()) {
      return null;
    }
    AuthConfigurations configs = new AuthConfigurations();
    credentials.byRegistry().forEach((registry, login) -> configs.addConfig(config(registry, login)));
    return configs;
  }

  /**
   * The header value: base64url of the JSON object from server address to {@code AuthConfig}; the caller's logins,
   * else those of the Docker client configuration; null when there are none.
   */
  static String header(BuildCredentials credentials) {
    AuthConfigurations configs = credentials.isEmpty() ? clientConfiguration() : of(credentials);
    if (configs == null || configs.getConfigs().isEmpty()) {
      return null;
    }
    Map<String, AuthConfig> byServer = new LinkedHashMap<>(configs.getConfigs());
    try {
      return Base64.getUrlEncoder().encodeToString(JSON.writeValueAsString(byServer)
          .getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("registry logins cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** The key the docker CLI uses for a registry in {@code X-Registry-Auth} and {@code X-Registry-Config}. */
  static String serverAddress(String registry) {
    return registry.equals("docker.io") ? "https://index.docker.io/v1/" : registry;
  }

  private static AuthConfig config(String registry, RegistryCredentials login) {
    AuthConfig config = new AuthConfig().withRegistryAddress(serverAddress(registry));
    return login.identityToken().map(config::withIdentityToken)
        .orElseGet(() -> config.withUsername(login.username()).withPassword(login.password()));
  }

  private static AuthConfigurations clientConfiguration() {
    try {
      return DefaultDockerClientConfig.createDefaultConfigBuilder().build().getAuthConfigurations();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
