package dev.berth.docker;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A dockerd of the tests' own, named {@code NAME}: socket {@code /run/NAME.sock}, data root {@code /var/lib/NAME},
 * exec root {@code /run/NAME}, pid file {@code /run/NAME.pid}, log {@code target/NAME.log}; no default bridge, no
 * iptables rules, no masquerading, overlay2 — the conventions of its shell twin {@code bench/lib/private-dockerd.sh}
 * (whose log goes to {@code /tmp/NAME.log}). {@link #close()} stops exactly the process it started and removes its
 * directories once nothing is mounted below them.
 */
public final class PrivateDockerd implements AutoCloseable {
  private static final List<Path> DOCKERD = List.of(Path.of("/usr/sbin/dockerd"), Path.of("/usr/bin/dockerd"),
      Path.of("/usr/local/bin/dockerd"));
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  private final Paths paths;
  private final Process process;

  /** Where the daemon named {@code name} keeps its socket, state and pid. */
  public record Paths(String name) {
    public Path socket() {
      return Path.of("/run", name + ".sock");
    }

    public Path dataRoot() {
      return Path.of("/var/lib", name);
    }

    public Path execRoot() {
      return Path.of("/run", name);
    }

    public Path pidFile() {
      return Path.of("/run", name + ".pid");
    }

    public DockerEndpoint endpoint() {
      return new DockerEndpoint(URI.create("unix://" + socket()), false, Optional.empty(), "private dockerd " + name);
    }

    /** Whether the socket or pid file exists: another run's daemon, or what a crashed run left. */
    public boolean inUse() {
      return Files.exists(socket()) || Files.exists(pidFile());
    }
  }

  private PrivateDockerd(Paths paths, Process process) {
    this.paths = paths;
    this.process = process;
  }

  /** Why no private dockerd can start here (not installed, or not root); empty when one can. */
  public static Optional<String> unavailable() {
    if (dockerd().isEmpty()) {
      return Optional.of("dockerd is not installed (apt-get install docker.io)");
    }
    if (!isRoot()) {
      return Optional.of("starting a private dockerd needs root");
    }
    return Optional.empty();
  }

  /**
   * Starts dockerd {@code name} with {@code environment} added to its own, and waits until it answers.
   *
   * @throws IllegalStateException when it cannot start or does not answer within a minute (it is stopped then)
   */
  public static PrivateDockerd start(String name, Map<String, String> environment) {
    Paths paths = new Paths(name);
    Path dockerd = dockerd().orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
    Path log = Path.of("target", name + ".log").toAbsolutePath();
    Process process;
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(dockerd.toString(),
          "--host", paths.endpoint().host().toString(),
          "--data-root", paths.dataRoot().toString(),
          "--exec-root", paths.execRoot().toString(),
          "--pidfile", paths.pidFile().toString(),
          // no default bridge and no iptables rules: the daemon leaves nothing behind in the host's network
          "--bridge", "none",
          "--iptables=false",
          "--ip-masq=false",
          "--storage-driver", "overlay2")
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + dockerd + ": " + e.getMessage(), e);
    }
    PrivateDockerd daemon = new PrivateDockerd(paths, process);
    try {
      daemon.awaitAnswer(log);
      return daemon;
    } catch (RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  private void awaitAnswer(Path log) {
    Instant deadline = Instant.now().plus(START_LIMIT);
    try {
      while (DockerRuntime.pingFailure(paths.endpoint(), Duration.ofSeconds(1)).isPresent()) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("dockerd did not answer on " + paths.socket() + "; see " + log);
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting dockerd " + paths.name(), e);
    }
  }

  public DockerEndpoint endpoint() {
    return paths.endpoint();
  }

  /**
   * Stops the daemon (SIGTERM, after 30 s SIGKILL) and removes its directories, socket and pid file, and the bridges
   * of the networks it still had: dockerd keeps those for its next start, so they would outlive the test.
   */
  @Override
  public void close() {
    List<String> bridges = ownBridges();
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bridges.forEach(PrivateDockerd::deleteLink);
    removeState();
  }

  /** The host interfaces of this daemon's bridge networks: {@code br-<12 hex of the id>} unless the network names one. */
  private List<String> ownBridges() {
    try (com.github.dockerjava.api.DockerClient client =
        DockerConnector.connect(paths.endpoint(), Duration.ofSeconds(10)).client()) {
      return client.listNetworksCmd().exec().stream()
          .filter(n -> "bridge".equals(n.getDriver()) && !List.of("bridge", "host", "none").contains(n.getName()))
          .map(n -> Optional.ofNullable(n.getOptions()).map(o -> o.get("com.docker.network.bridge.name"))
              .orElse("br-" + n.getId().substring(0, 12)))
          .toList();
    } catch (RuntimeException | IOException e) {
      return List.of(); // the daemon is gone already: nothing to ask
    }
  }

  private static void deleteLink(String name) {
    if (!Files.exists(Path.of("/sys/class/net", name))) {
      return;
    }
    try {
      new ProcessBuilder("ip", "link", "delete", name).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // left behind; the host check of the next run reports it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The daemon's directories, once it has stopped and unmounted everything below them. */
  private void removeState() {
    try {
      String mounts = Files.readString(Path.of("/proc/self/mounts"));
      if (mounts.contains(paths.dataRoot().toString()) || mounts.contains(paths.execRoot().toString())) {
        return; // still mounted: leave it rather than delete through a mount
      }
    } catch (IOException e) {
      return;
    }
    deleteTree(paths.dataRoot());
    deleteTree(paths.execRoot());
    paths.pidFile().toFile().delete();
    paths.socket().toFile().delete();
  }

  /** Removes {@code root} and everything below it, as far as it can; a test's temporary files are no reason to fail. */
  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left behind; the next run reports it
    }
  }

  private static Optional<Path> dockerd() {
    return DOCKERD.stream().filter(Files::isExecutable).findFirst();
  }

  private static boolean isRoot() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines.filter(l -> l.startsWith("Uid:")).findFirst()
          .map(l -> l.split("\\s+")[1].equals("0")).orElse(false);
    } catch (IOException e) {
      return false;
    }
  }
}
