package dev.berth.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.tck.ContainerRuntimeContract;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Docker Engine for tests. Uses the engine the environment names when one answers; otherwise, when running as
 * root with {@code dockerd} installed, starts a {@link PrivateDockerd} named {@code berth-test-docker-PID} and stops exactly that
 * process when the whole test run ends. Builds a {@link BusyboxTestImage} (no registry is
 * contacted) and removes it at the end. Skips the tests when none of this is possible. Public, in this module's
 * test-jar, for other modules' tests on dockerd.
 */
public final class TestDockerDaemon implements BeforeAllCallback {
  /** Per test JVM, so that concurrent test runs never share (and stop) each other's daemon. */
  private static final String NAME = "berth-test-docker-" + ProcessHandle.current().pid();

  private Shared shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    shared = context.getRoot().getStore(ExtensionContext.Namespace.create(TestDockerDaemon.class))
        .getOrComputeIfAbsent(Shared.class, k -> Shared.start(), Shared.class);
    assumeTrue(shared.skipReason.isEmpty(), () -> shared.skipReason.orElse(""));
  }

  public DockerEndpoint endpoint() {
    return shared.endpoint;
  }

  public ImageRef image() {
    return shared.image;
  }

  /** One per test run: the engine, maybe the daemon process we started, and the test image. */
  private static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Optional<String> skipReason;
    private final DockerEndpoint endpoint;
    private final PrivateDockerd started;
    private final DockerClient client;
    private final ImageRef image;

    private Shared(Optional<String> skipReason, DockerEndpoint endpoint, PrivateDockerd started, DockerClient client,
        ImageRef image) {
      this.skipReason = skipReason;
      this.endpoint = endpoint;
      this.started = started;
      this.client = client;
      this.image = image;
    }

    static Shared skipped(String reason) {
      return new Shared(Optional.of(reason), null, null, null, null);
    }

    static Shared start() {
      DockerEndpoint endpoint = DockerEndpoint.fromEnvironment();
      PrivateDockerd started = null;
      if (DockerRuntime.pingFailure(endpoint, Duration.ofSeconds(2)).isPresent()) {
        Optional<String> unavailable = PrivateDockerd.unavailable();
        if (unavailable.isPresent()) {
          return skipped("no Docker Engine answers and " + unavailable.get());
        }
        try {
          started = PrivateDockerd.start(NAME, Map.of());
          endpoint = started.endpoint();
        } catch (IllegalStateException e) {
          return skipped(e.getMessage());
        }
      }
      try {
        DockerClient client = DockerConnector.connect(endpoint, Duration.ofMinutes(5)).client();
        if (started != null) {
          removeLeftovers(client);
        }
        ImageRef image = ImageRef.of("berth-test-busybox:" + UUID.randomUUID().toString().substring(0, 8));
        BusyboxTestImage.build(client, image.value());
        return new Shared(Optional.empty(), endpoint, started, client, image);
      } catch (RuntimeException e) {
        if (started != null) {
          started.close();
        }
        throw e;
      }
    }

    /** On our own daemon only: resources a crashed earlier run of the contract left behind. */
    private static void removeLeftovers(DockerClient client) {
      String label = ContainerRuntimeContract.RUN_LABEL;
      client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec()
          .forEach(c -> client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
      client.listNetworksCmd().withFilter("label", List.of(label)).exec()
          .forEach(n -> client.removeNetworkCmd(n.getId()).exec());
      var volumes = client.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
      if (volumes != null) {
        volumes.forEach(v -> client.removeVolumeCmd(v.getName()).exec());
      }
    }

    @Override
    public void close() {
      try {
        if (client != null) {
          client.removeImageCmd(image.value()).withForce(true).exec();
          client.close();
        }
      } catch (IOException | RuntimeException e) {
        // the daemon goes away next anyway when we started it
      } finally {
        if (started != null) {
          started.close();
        }
      }
    }
  }
}
