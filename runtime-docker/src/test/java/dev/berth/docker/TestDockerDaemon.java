package dev.berth.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.berth.runtime.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Docker Engine for tests. Uses the engine the environment names when one answers; otherwise, when running as
 * root with {@code dockerd} installed, starts a private daemon for this test run (its socket, data and state under
 * names unique to the run, {@code /run/berth-test-docker-<run>.sock}, so that concurrent test runs never share or
 * stop each other's daemon) and stops exactly that process (by its pid) when the whole test run ends, removing its
 * directories. Builds a busybox test image {@code FROM scratch} from the host's static busybox (no registry is
 * contacted) and removes it at the end. Skips the tests when none of this is possible. Public, in this module's
 * test-jar, for other modules' tests on dockerd.
 */
public final class TestDockerDaemon implements BeforeAllCallback {
  /** Names this test run's daemon: its socket, data root, exec root and pid file. */
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  public static final String SOCKET = "/run/berth-test-docker-" + RUN + ".sock";
  private static final Path DATA_ROOT = Path.of("/var/lib/berth-test-docker-" + RUN);
  private static final Path EXEC_ROOT = Path.of("/run/berth-test-docker-" + RUN);
  private static final Path PID_FILE = Path.of("/run/berth-test-docker-" + RUN + ".pid");
  private static final List<Path> DOCKERD = List.of(Path.of("/usr/sbin/dockerd"), Path.of("/usr/bin/dockerd"),
      Path.of("/usr/local/bin/dockerd"));
  private static final List<Path> BUSYBOX = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

  /** printenv as a POSIX shell script: all variables, or the values of the named ones (exit 1 if one is unset). */
  private static final String PRINTENV = """
      #!/bin/sh
      [ "$#" -eq 0 ] && exec env
      status=0
      for name in "$@"; do
        if eval "[ -n \"\\${$name+x}\" ]"; then eval "printf '%s\\n' \"\\$$name\""; else status=1; fi
      done
      exit $status
      """;

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
    private final Process started;
    private final DockerClient client;
    private final ImageRef image;

    private Shared(Optional<String> skipReason, DockerEndpoint endpoint, Process started, DockerClient client,
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
      Process started = null;
      if (DockerRuntime.pingFailure(endpoint, Duration.ofSeconds(2)).isPresent()) {
        endpoint = new DockerEndpoint(URI.create("unix://" + SOCKET), false, Optional.empty(), "test daemon");
        Optional<Path> dockerd = DOCKERD.stream().filter(Files::isExecutable).findFirst();
        if (dockerd.isEmpty()) {
          return skipped("no Docker Engine answers and dockerd is not installed (apt-get install docker.io)");
        }
        if (!isRoot()) {
          return skipped("no Docker Engine answers and starting dockerd needs root");
        }
        try {
          started = startDockerd(dockerd.get(), endpoint);
        } catch (IllegalStateException e) {
          return skipped(e.getMessage());
        }
      }
      try {
        DockerClient client = DockerConnector.connect(endpoint, Duration.ofMinutes(5)).client();
        return new Shared(Optional.empty(), endpoint, started, client, buildImage(client));
      } catch (RuntimeException e) {
        if (started != null) {
          stopDaemon(started);
          removeDaemonState();
        }
        throw e;
      }
    }

    private static Process startDockerd(Path dockerd, DockerEndpoint endpoint) {
      Path log = Path.of("target", "berth-test-dockerd-" + RUN + ".log").toAbsolutePath();
      try {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(dockerd.toString(),
            "--host", endpoint.host().toString(),
            "--data-root", DATA_ROOT.toString(),
            "--exec-root", EXEC_ROOT.toString(),
            "--pidfile", PID_FILE.toString(),
            // no default bridge and no iptables rules: the daemon leaves nothing behind in the host's network
            "--bridge", "none",
            "--iptables=false")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (DockerRuntime.pingFailure(endpoint, Duration.ofSeconds(1)).isPresent()) {
          if (!p.isAlive() || Instant.now().isAfter(deadline)) {
            stopDaemon(p);
            throw new IllegalStateException("dockerd did not answer on " + endpoint.host() + "; see " + log);
          }
          Thread.sleep(200);
        }
        return p;
      } catch (IOException e) {
        throw new IllegalStateException("cannot start " + dockerd + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting dockerd", e);
      }
    }

    private static boolean isRoot() {
      try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
        return lines.filter(l -> l.startsWith("Uid:")).findFirst()
            .map(l -> l.split("\\s+")[1].equals("0")).orElse(false);
      } catch (IOException e) {
        return false;
      }
    }

    /** {@code FROM scratch} plus the host's static busybox and its applet links; built offline. */
    private static ImageRef buildImage(DockerClient client) {
      Path busybox = BUSYBOX.stream().filter(Files::isExecutable).findFirst()
          .orElseThrow(() -> new IllegalStateException("busybox-static is not installed"));
      Path context = null;
      try {
        context = Files.createTempDirectory("berth-busybox-image");
        Files.copy(busybox, context.resolve("busybox"));
        // Debian's busybox-static has no printenv applet; the contract needs one
        Files.writeString(context.resolve("printenv"), PRINTENV);
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
            + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
            + "COPY printenv /bin/printenv\n"
            + "RUN [\"/bin/busybox\", \"chmod\", \"755\", \"/bin/printenv\"]\n");
        String tag = "berth-test-busybox:" + UUID.randomUUID().toString().substring(0, 8);
        client.buildImageCmd().withBaseDirectory(context.toFile()).withDockerfile(context.resolve("Dockerfile")
            .toFile()).withTags(Set.of(tag)).withPull(false).withRemove(true).withForcerm(true)
            .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
        return ImageRef.of(tag);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        deleteTree(context);
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
          stopDaemon(started);
          removeDaemonState();
        }
      }
    }

    private static void stopDaemon(Process p) {
      if (p == null) {
        return;
      }
      p.destroy();
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** The private daemon's directories, once it has stopped and unmounted everything under them. */
    private static void removeDaemonState() {
      try {
        String mounts = Files.readString(Path.of("/proc/self/mounts"));
        if (mounts.contains(DATA_ROOT.toString()) || mounts.contains(EXEC_ROOT.toString())) {
          return; // still mounted: leave it rather than delete through a mount
        }
      } catch (IOException e) {
        return;
      }
      deleteTree(DATA_ROOT);
      deleteTree(EXEC_ROOT);
      PID_FILE.toFile().delete();
      Path.of(SOCKET).toFile().delete();
    }

    private static void deleteTree(Path root) {
      if (root == null) {
        return;
      }
      try (Stream<Path> paths = Files.walk(root)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind
      }
    }
  }
}
