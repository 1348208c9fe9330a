package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The private dockerd launcher: the paths and flags of its shell twin, and nothing left once it is closed. */
class PrivateDockerdTest {

  @Test
  void aDaemonNamedNameKeepsEverythingUnderThatName() {
    PrivateDockerd.Paths paths = new PrivateDockerd.Paths("berth-x");
    assertEquals(Path.of("/run/berth-x.sock"), paths.socket());
    assertEquals(Path.of("/var/lib/berth-x"), paths.dataRoot());
    assertEquals(Path.of("/run/berth-x"), paths.execRoot());
    assertEquals(Path.of("/run/berth-x.pid"), paths.pidFile());
    assertEquals("unix:///run/berth-x.sock", paths.endpoint().host().toString());
  }

  @Test
  void startsADaemonWithoutHostNetworkingAndLeavesNothingOnceClosed() throws Exception {
    assumeTrue(PrivateDockerd.unavailable().isEmpty(), () -> PrivateDockerd.unavailable().orElse(""));
    PrivateDockerd.Paths paths = new PrivateDockerd.Paths("berth-test-launcher-" + ProcessHandle.current().pid());
    assumeTrue(!paths.inUse(), paths.socket() + " is in use");
    ProcessHandle daemon;
    try (PrivateDockerd started = PrivateDockerd.start(paths.name(), Map.of("BERTH_TEST_MARK", "launcher"))) {
      assertTrue(DockerRuntime.pingFailure(started.endpoint(), Duration.ofSeconds(5)).isEmpty(), "it answers");
      long pid = Long.parseLong(Files.readString(paths.pidFile()).trim());
      daemon = ProcessHandle.of(pid).orElseThrow();
      List<String> args = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"),
          StandardCharsets.UTF_8).split("\0"));
      assertTrue(args.containsAll(List.of("--bridge", "none", "--iptables=false", "--ip-masq=false",
          "--storage-driver", "overlay2")), args.toString());
      assertTrue(Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.UTF_8)
          .contains("BERTH_TEST_MARK=launcher"), "the environment given reaches the daemon");
      assertTrue(Files.isDirectory(paths.dataRoot()));
    }
    assertFalse(daemon.isAlive(), "the daemon stopped");
    for (Path left : List.of(paths.socket(), paths.pidFile(), paths.dataRoot(), paths.execRoot())) {
      assertFalse(Files.exists(left), left + " is removed");
    }
  }

  @Test
  void theBridgesOfNetworksLeftOnTheDaemonGoWithIt() throws Exception {
    assumeTrue(PrivateDockerd.unavailable().isEmpty(), () -> PrivateDockerd.unavailable().orElse(""));
    PrivateDockerd.Paths paths = new PrivateDockerd.Paths("berth-test-bridges-" + ProcessHandle.current().pid());
    assumeTrue(!paths.inUse(), paths.socket() + " is in use");
    String bridge;
    try (PrivateDockerd started = PrivateDockerd.start(paths.name(), Map.of())) {
      try (com.github.dockerjava.api.DockerClient client =
          DockerConnector.connect(started.endpoint(), Duration.ofSeconds(30)).client()) {
        String id = client.createNetworkCmd().withName("left-behind").withDriver("bridge").exec().getId();
        bridge = "br-" + id.substring(0, 12);
      }
      assertTrue(Files.exists(Path.of("/sys/class/net", bridge)), bridge + " exists while the daemon runs");
    }
    assertFalse(Files.exists(Path.of("/sys/class/net", bridge)), bridge + " is gone with the daemon");
  }
}
