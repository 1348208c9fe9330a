package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.LogConfig;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.Resources;
import dev.berth.runtime.RestartPolicy;
import dev.berth.runtime.Ulimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every ContainerSpec field reaches the engine: created on dockerd and read back with a plain inspect. */
class DockerSpecMappingTest {
  @RegisterExtension
  static final TestDockerDaemon DOCKER = new TestDockerDaemon();
  private static final String LABEL = "dev.berth.test.mapping";

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private DockerRuntime runtime;
  private DockerClient raw;

  @BeforeEach
  void connect() {
    runtime = DockerRuntime.connect(DOCKER.endpoint());
    raw = DockerConnector.connect(DOCKER.endpoint(), Duration.ofMinutes(1)).client();
  }

  @AfterEach
  void cleanUp() throws Exception {
    LabelSelector mine = LabelSelector.of(LABEL, run);
    runtime.list(mine).forEach(c -> runtime.remove(c.id(), true, true));
    runtime.listNetworks(mine).forEach(n -> runtime.removeNetwork(n.name()));
    runtime.close();
    raw.close();
  }

  @Test
  void everyFieldIsMappedToContainerAndHostConfig() {
    String front = "berth-map-" + run + "-front";
    String back = "berth-map-" + run + "-back";
    runtime.createNetwork(NetworkSpec.bridge(front, Map.of(LABEL, run)));
    runtime.createNetwork(NetworkSpec.bridge(back, Map.of(LABEL, run)));
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL, run);
    labels.put("com.docker.compose.project", "demo");
    ContainerSpec spec = ContainerSpec.builder("berth-map-" + run, DOCKER.image())
        .entrypoint(List.of("sh", "-c")).command(List.of("sleep 3600"))
        .env(Map.of("A", "1", "B", "two words")).labels(labels)
        .workingDir("/tmp").user("1000:1000").hostname("web").domainname("example.test")
        .tty(true).stdinOpen(true).init(true).stopSignal("SIGUSR1").stopGracePeriod(Duration.ofSeconds(7))
        .restartPolicy(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 3))
        .healthcheck(new Healthcheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(5), Duration.ofSeconds(2),
            Duration.ofSeconds(1), Duration.ZERO, 4))
        .resources(new Resources(Optional.of(64L << 20), Optional.of(128L << 20), Optional.of(0.5),
            Optional.of(512), Optional.of("0"), Optional.of(100L)))
        .mounts(List.of(Mount.Volume.anonymous("/cache"), new Mount.Tmpfs("/scratch", 1 << 20, 0700)))
        .ports(List.of(new PortBinding("127.0.0.1", 0, 8080, "tcp")))
        .networks(List.of(NetworkAttachment.of(front, "web", "www"), NetworkAttachment.of(back, "api")))
        .extraHosts(List.of("db.local:10.1.2.3")).dns(List.of("9.9.9.9")).dnsSearch(List.of("example.test"))
        .dnsOptions(List.of("ndots:2")).capAdd(List.of("NET_ADMIN")).capDrop(List.of("CAP_MKNOD"))
        .readOnly(true).sysctls(Map.of("net.core.somaxconn", "1024"))
        .ulimits(List.of(new Ulimit("nofile", 1024, 2048))).shmSize(32L << 20)
        .tmpfs(Map.of("/run", "size=1m")).securityOpt(List.of("no-new-privileges:true"))
        .logConfig(new LogConfig("json-file", Map.of("max-size", "1m"))).groupAdd(List.of("audio"))
        .ipcMode("private")
        .build();
    ContainerId id = runtime.create(spec);

    InspectContainerResponse c = raw.inspectContainerCmd(id.value()).exec();
    assertEquals(List.of("sh", "-c"), List.of(c.getConfig().getEntrypoint()));
    assertEquals(List.of("sleep 3600"), List.of(c.getConfig().getCmd()));
    assertTrue(List.of(c.getConfig().getEnv()).containsAll(List.of("A=1", "B=two words")));
    assertEquals("demo", c.getConfig().getLabels().get("com.docker.compose.project"));
    assertEquals("/tmp", c.getConfig().getWorkingDir());
    assertEquals("1000:1000", c.getConfig().getUser());
    assertEquals("web", c.getConfig().getHostName());
    assertEquals("example.test", c.getConfig().getDomainName());
    assertEquals(Boolean.TRUE, c.getConfig().getTty());
    assertEquals(Boolean.TRUE, c.getConfig().getStdinOpen());
    assertEquals(List.of("CMD-SHELL", "true"), c.getConfig().getHealthcheck().getTest());
    assertEquals(Long.valueOf(5_000_000_000L), c.getConfig().getHealthcheck().getInterval());
    assertEquals(Integer.valueOf(4), c.getConfig().getHealthcheck().getRetries());

    HostConfig h = c.getHostConfig();
    assertEquals(Boolean.TRUE, h.getInit());
    assertEquals("on-failure", h.getRestartPolicy().getName());
    assertEquals(Integer.valueOf(3), h.getRestartPolicy().getMaximumRetryCount());
    assertEquals(Long.valueOf(64L << 20), h.getMemory());
    assertEquals(Long.valueOf(128L << 20), h.getMemorySwap());
    assertEquals(Long.valueOf(500_000_000L), h.getNanoCPUs());
    assertEquals(Integer.valueOf(512), h.getCpuShares());
    assertEquals("0", h.getCpusetCpus());
    assertEquals(Long.valueOf(100L), h.getPidsLimit());
    assertEquals(front, h.getNetworkMode());
    assertEquals(List.of("db.local:10.1.2.3"), List.of(h.getExtraHosts()));
    assertEquals(List.of("9.9.9.9"), List.of(h.getDns()));
    assertEquals(List.of("example.test"), List.of(h.getDnsSearch()));
    assertEquals(List.of("ndots:2"), h.getDnsOptions());
    assertEquals("NET_ADMIN", h.getCapAdd()[0].name());
    assertEquals("MKNOD", h.getCapDrop()[0].name());
    assertEquals(Boolean.TRUE, h.getReadonlyRootfs());
    assertEquals("1024", h.getSysctls().get("net.core.somaxconn"));
    assertEquals("nofile", h.getUlimits()[0].getName());
    assertEquals(Long.valueOf(2048), h.getUlimits()[0].getHardLong());
    assertEquals(Long.valueOf(32L << 20), h.getShmSize());
    assertEquals("size=1m", h.getTmpFs().get("/run"));
    assertEquals(List.of("no-new-privileges:true"), h.getSecurityOpts());
    assertEquals("1m", h.getLogConfig().getConfig().get("max-size"));
    assertEquals(List.of("audio"), h.getGroupAdd());
    assertEquals("private", h.getIpcMode());
    assertEquals(2, h.getMounts().size());
    assertEquals("127.0.0.1", h.getPortBindings().getBindings().values().iterator().next()[0].getHostIp());

    var networks = c.getNetworkSettings().getNetworks();
    assertEquals(List.of(back, front), networks.keySet().stream().sorted().toList());
    assertTrue(networks.get(front).getAliases().containsAll(List.of("web", "www")), networks.get(front)
        .getAliases().toString());
    assertTrue(networks.get(back).getAliases().contains("api"));
    assertEquals(List.of(back, front), runtime.inspect(id).networks());
  }

  @Test
  void linksGoIntoEveryEndpointAndResolveForTheLinkingContainerOnly() {
    String front = "berth-map-" + run + "-lfront";
    String back = "berth-map-" + run + "-lback";
    runtime.createNetwork(NetworkSpec.bridge(front, Map.of(LABEL, run)));
    runtime.createNetwork(NetworkSpec.bridge(back, Map.of(LABEL, run)));
    String db = "berth-map-" + run + "-db";
    ContainerId target = runtime.create(sleeper(db).networks(List.of(NetworkAttachment.of(front, "db"))).build());
    runtime.start(target);
    List<NetworkAttachment.Link> links = List.of(new NetworkAttachment.Link(db, "database"));
    ContainerId linking = runtime.create(sleeper("berth-map-" + run + "-a").networks(List.of(
        NetworkAttachment.of(front).withLinks(links), NetworkAttachment.of(back).withLinks(links))).build());
    runtime.start(linking);
    ContainerId other = runtime.create(sleeper("berth-map-" + run + "-b")
        .networks(List.of(NetworkAttachment.of(front))).build());
    runtime.start(other);

    var endpoints = raw.inspectContainerCmd(linking.value()).exec().getNetworkSettings().getNetworks();
    for (String network : List.of(front, back)) {
      assertEquals(List.of("database"), java.util.Arrays.stream(endpoints.get(network).getLinks())
          .map(com.github.dockerjava.api.model.Link::getAlias).toList(), "the link on " + network);
    }
    assertEquals(0, runtime.exec(linking, dev.berth.runtime.ExecSpec.of("nslookup", "database")).exitCode(),
        "the linking container resolves the alias");
    assertTrue(runtime.exec(other, dev.berth.runtime.ExecSpec.of("nslookup", "database")).exitCode() != 0,
        "another container on the network does not");
  }

  @Test
  void aGatewayPriorityIsRefusedByNameBeforeApi148() {
    org.junit.jupiter.api.Assumptions.assumeFalse(com.github.dockerjava.core.RemoteApiVersion.parseConfig(
        runtime.apiVersion()).isGreaterOrEqual(com.github.dockerjava.core.RemoteApiVersion.parseConfig("1.48")),
        "this engine takes gateway priorities");
    String net = "berth-map-" + run + "-gw";
    runtime.createNetwork(NetworkSpec.bridge(net, Map.of(LABEL, run)));
    String name = "berth-map-" + run + "-gw";
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.berth.runtime.UnsupportedOperationRuntimeException.class,
        () -> runtime.create(sleeper(name).networks(List.of(NetworkAttachment.of(net).withPriorities(0, 3)))
            .build()));
    assertTrue(e.getMessage().contains("gwPriority") && e.getMessage().contains("1.48"), e.getMessage());
    assertTrue(runtime.list(LabelSelector.of(LABEL, run)).stream().noneMatch(c -> c.name().equals(name)),
        "nothing is created");
  }

  private ContainerSpec.Builder sleeper(String name) {
    return ContainerSpec.builder(name, DOCKER.image()).command(List.of("sleep", "3600")).labels(Map.of(LABEL, run));
  }

  @Test
  void followedLogsDeliverLinesAsTheyAreWrittenAndSinceSkipsOlderOnes() throws InterruptedException {
    ContainerId id = runtime.create(ContainerSpec.builder("berth-map-" + run + "-logs", DOCKER.image())
        .command(List.of("sh", "-c", "echo early; sleep 1.5; echo late; sleep 3600"))
        .labels(Map.of(LABEL, run)).build());
    runtime.start(id);
    List<String> seen = new ArrayList<>();
    java.time.Instant lateAt;
    try (LogStream logs = runtime.logs(id, LogOptions.ALL.withFollow(true))) {
      seen.add(logs.next().line());
      LogEntry late = logs.next();
      seen.add(late.line());
      lateAt = late.timestamp();
    }
    assertEquals(List.of("early", "late"), seen);
    List<String> since = new ArrayList<>();
    try (LogStream logs = runtime.logs(id, LogOptions.ALL.withSince(lateAt))) {
      logs.forEachRemaining(e -> since.add(e.line()));
    }
    assertEquals(List.of("late"), since);
    runtime.remove(id, true, true);
  }
}
