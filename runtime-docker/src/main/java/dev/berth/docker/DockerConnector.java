package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens docker-java clients for an endpoint and negotiates the API version: it asks {@code /version} without a
 * version prefix, then talks the lower of the engine's version and the newest one docker-java knows
 * ({@value #NEWEST_KNOWN}), as the docker CLI does. Public for modules that drive other parts of the Engine API
 * (Swarm services in stack-swarm) over the same endpoint resolution.
 */
public final class DockerConnector {
  static final String NEWEST_KNOWN = "1.44";

  private DockerConnector() {}

  /** The {@code Platform.Name} a Berth engine reports in {@code /version}. */
  static final String BERTH_ENGINE_PLATFORM = "Berth Engine";

  /**
   * A client plus what the engine said about itself; {@code berthEngine} when it is a Berth engine (which accepts
   * the documented Berth extensions, such as additional build contexts).
   */
  public record Connection(DockerClient client, String apiVersion, String engineVersion, boolean berthEngine,
      Set<String> berthExtensions) {
    public Connection {
      berthExtensions = Set.copyOf(berthExtensions);
    }
  }

  /** The {@code /version} engine detail in which a Berth engine lists the extensions it takes. */
  static final String BERTH_EXTENSIONS = "BerthExtensions";

  public static Connection connect(DockerEndpoint endpoint, Duration responseTimeout) {
    Version version;
    try (DockerClient probe = client(endpoint, RemoteApiVersion.unknown(), responseTimeout)) {
      version = probe.versionCmd().exec();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String negotiated = lower(version.getApiVersion(), NEWEST_KNOWN);
    DockerClient client = client(endpoint, RemoteApiVersion.parseConfig(negotiated), responseTimeout);
    boolean berth = version.getPlatform() != null
        && BERTH_ENGINE_PLATFORM.equals(version.getPlatform().getName());
    return new Connection(client, negotiated, version.getVersion(), berth, berth ? extensions(version) : Set.of());
  }

  /** The extensions a Berth engine lists in its engine component's details (none from older engines). */
  static Set<String> extensions(Version version) {
    Set<String> out = new TreeSet<>();
    for (VersionComponent component : version.getComponents() == null ? List.<VersionComponent>of()
        : version.getComponents()) {
      String listed = component.getDetails() == null ? null : component.getDetails().get(BERTH_EXTENSIONS);
      if (listed != null) {
        Arrays.stream(listed.split(",")).map(String::trim).filter(e -> !e.isEmpty()).forEach(out::add);
      }
    }
    return out;
  }

  /** Pings the engine without choosing an API version. */
  static void ping(DockerEndpoint endpoint, Duration timeout) {
    try (DockerClient probe = client(endpoint, RemoteApiVersion.unknown(), timeout)) {
      probe.pingCmd().exec();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String lower(String a, String b) {
    return compare(a, b) <= 0 ? a : b;
  }

  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
      int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }

  private static DockerClient client(DockerEndpoint endpoint, RemoteApiVersion api, Duration responseTimeout) {
    DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(endpoint.host().toString())
        .withDockerTlsVerify(endpoint.tlsVerify());
    endpoint.certPath().ifPresent(p -> config.withDockerCertPath(p.toString()));
    if (!api.equals(RemoteApiVersion.unknown())) {
      config.withApiVersion(api);
    }
    DockerClientConfig built = config.build();
    DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(built.getDockerHost())
        .sslConfig(built.getSSLConfig())
        .maxConnections(64)
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(responseTimeout)
        .build();
    return DockerClientImpl.getInstance(built, http);
  }
}
