package dev.berth.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredNetwork;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.desired.DesiredVolume;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.engine.plan.Operation;
import dev.berth.engine.plan.Plan;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.engine.plan.Planner;
import dev.berth.engine.plan.PlanningException;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.output.ConfigHash;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.DeviceMapping;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.InjectedFile;
import dev.berth.runtime.LogConfig;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.Resources;
import dev.berth.runtime.RestartPolicy;
import dev.berth.runtime.Ulimit;
import dev.berth.runtime.VolumeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTranslatorTest {
  @TempDir
  Path dir;

  private DesiredProject translate(String yaml) {
    return new ProjectTranslator("test").translate(Projects.load(dir, yaml));
  }

  @Test
  void aFullServiceBecomesTheExactContainerTemplate() {
    LoadedProject loaded = Projects.load(dir, """
        name: shop
        services:
          web:
            image: nginx:1.27
            entrypoint: ["/docker-entrypoint.sh"]
            command: ["nginx", "-g", "daemon off;"]
            environment:
              A: "1"
            labels:
              team: web
            working_dir: /srv
            user: "101"
            hostname: web1
            domainname: example.org
            tty: true
            stdin_open: true
            init: true
            stop_signal: SIGQUIT
            stop_grace_period: 30s
            restart: on-failure:3
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost"]
              interval: 10s
              timeout: 2s
              retries: 5
              start_period: 1s
            mem_limit: 64m
            cpus: 0.5
            pids_limit: 100
            ports:
              - "8080:80"
              - "127.0.0.1::443"
            volumes:
              - data:/var/lib/data
              - ./site:/usr/share/nginx/html:ro
              - type: tmpfs
                target: /cache
                tmpfs:
                  size: 1024
              - /anon
            secrets: [token]
            configs: [site]
            networks:
              front:
                aliases: [www]
            extra_hosts:
              - "db.local=10.0.0.5"
            dns: [8.8.8.8]
            dns_search: [example.org]
            cap_add: [NET_ADMIN]
            cap_drop: [ALL]
            privileged: true
            read_only: true
            sysctls:
              net.core.somaxconn: "1024"
            ulimits:
              nofile:
                soft: 1024
                hard: 2048
            shm_size: 1m
            tmpfs: ["/run:size=64k"]
            devices: ["/dev/fuse:/dev/fuse"]
            security_opt: ["no-new-privileges:true"]
            logging:
              driver: json-file
              options:
                max-size: 1m
            depends_on:
              db:
                condition: service_healthy
                restart: true
          db:
            image: postgres:16
            container_name: shop-database
        networks:
          front: {}
        volumes:
          data: {}
        secrets:
          token:
            file: ./token.txt
        configs:
          site:
            file: ./site.conf
        """);
    DesiredProject desired = new ProjectTranslator("test").translate(loaded);
    DesiredService web = desired.service("web").orElseThrow();
    String hash = ConfigHash.of(loaded.project().service("web"));
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "web");
    labels.put("com.docker.compose.project", "shop");
    labels.put("com.docker.compose.service", "web");
    labels.put("com.docker.compose.oneoff", "False");
    labels.put("com.docker.compose.config-hash", hash);
    labels.put("com.docker.compose.project.working_dir", dir.toString());
    labels.put("com.docker.compose.project.config_files", dir.resolve("compose.yaml").toString());
    labels.put("com.docker.compose.version", "test");
    ContainerSpec expected = ContainerSpec.builder("shop-web", ImageRef.of("nginx:1.27"))
        .entrypoint(List.of("/docker-entrypoint.sh"))
        .command(List.of("nginx", "-g", "daemon off;"))
        .env(Map.of("A", "1"))
        .labels(labels)
        .workingDir("/srv").user("101").hostname("web1").domainname("example.org")
        .tty(true).stdinOpen(true).init(true)
        .stopSignal("SIGQUIT").stopGracePeriod(Duration.ofSeconds(30))
        .restartPolicy(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 3))
        .healthcheck(new Healthcheck(List.of("CMD", "curl", "-f", "http://localhost"), Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, 5))
        .resources(new Resources(Optional.of(64L * 1024 * 1024), Optional.empty(), Optional.of(0.5),
            Optional.empty(), Optional.empty(), Optional.of(100L)))
        .mounts(List.of(
            new Mount.Volume(Optional.of("shop_data"), "/var/lib/data", false, false),
            new Mount.Bind(dir.resolve("site").toString(), "/usr/share/nginx/html", true, Optional.empty(), true),
            new Mount.Tmpfs("/cache", 1024, 0),
            Mount.Volume.anonymous("/anon"),
            new Mount.Bind(dir.resolve("token.txt").toString(), "/run/secrets/token", true, Optional.empty(), false),
            new Mount.Bind(dir.resolve("site.conf").toString(), "/site", true, Optional.empty(), false)))
        .ports(List.of(new PortBinding("", 8080, 80, "tcp"), new PortBinding("127.0.0.1", 0, 443, "tcp")))
        .networks(List.of(new NetworkAttachment("shop_front", List.of("web", "www"), Optional.empty(),
            Optional.empty(), Optional.empty())))
        .extraHosts(List.of("db.local:10.0.0.5"))
        .dns(List.of("8.8.8.8")).dnsSearch(List.of("example.org"))
        .capAdd(List.of("NET_ADMIN")).capDrop(List.of("ALL"))
        .privileged(true).readOnly(true)
        .sysctls(Map.of("net.core.somaxconn", "1024"))
        .ulimits(List.of(new Ulimit("nofile", 1024, 2048)))
        .shmSize(1024L * 1024)
        .tmpfs(Map.of("/run", "size=64k"))
        .devices(List.of(new DeviceMapping("/dev/fuse", "/dev/fuse", "rwm")))
        .securityOpt(List.of("no-new-privileges:true"))
        .logConfig(new LogConfig("json-file", Map.of("max-size", "1m")))
        .build();
    assertEquals(expected, web.template());
    assertEquals(1, web.replicas());
    assertEquals(hash, web.configHash());
    assertEquals(List.of(Dependency.healthy("db").withRestart(true)), web.dependsOn());
    assertEquals("shop-database", desired.service("db").orElseThrow().template().name());
  }

  @Test
  void aHostRangeForOneContainerPortStaysARangeAndContainerRangesAreOnePortEach() {
    DesiredProject desired = translate("""
        name: demo
        services:
          web:
            image: busybox
            ports: ["8080-8082:80-82", "9000-9005:80", "127.0.0.1:5000-5001:5000-5001/udp"]
        """);
    assertEquals(List.of(new PortBinding("", 8080, 80, "tcp"), new PortBinding("", 8081, 81, "tcp"),
        new PortBinding("", 8082, 82, "tcp"), PortBinding.range("", 9000, 9005, 80, "tcp"),
        new PortBinding("127.0.0.1", 5000, 5000, "udp"), new PortBinding("127.0.0.1", 5001, 5001, "udp")),
        desired.service("web").orElseThrow().template().ports());
    assertEquals("9000-9005", desired.service("web").orElseThrow().template().ports().get(3).hostPortSpec());
  }

  @Test
  void replicasGetComposeNamesNumbersAndTheDependsOnLabel() {
    DesiredProject desired = translate("""
        name: demo
        services:
          web:
            image: busybox
            scale: 2
            depends_on: [db]
          db:
            image: busybox
            container_name: the-db
        """);
    Plan plan = Planner.plan(desired, ObservedSnapshot.empty("demo"), PlanOptions.defaults());
    List<ContainerSpec> created = plan.steps().stream()
        .filter(s -> s.operation() instanceof Operation.CreateContainer)
        .map(s -> ((Operation.CreateContainer) s.operation()).spec()).toList();
    assertEquals(List.of("the-db", "demo-web-1", "demo-web-2"), created.stream().map(ContainerSpec::name).toList());
    ContainerSpec web2 = created.get(2);
    assertEquals("2", web2.labels().get("com.docker.compose.container-number"));
    assertEquals("db:service_started:false", web2.labels().get("com.docker.compose.depends_on"));
    assertEquals("False", web2.labels().get("com.docker.compose.oneoff"));
    assertEquals(List.of("db", "the-db"), created.get(0).networks().get(0).aliases());
    assertEquals("demo_default", created.get(0).networks().get(0).network());
  }

  @Test
  void networksAndVolumesCarryNamesDriversAndConfigHashes() {
    LoadedProject loaded = Projects.load(dir, """
        name: demo
        services:
          app:
            image: busybox
            networks: [back]
            volumes: [cache:/c, shared:/s]
        networks:
          back:
            driver: overlay
            internal: true
            labels:
              tier: back
        volumes:
          cache:
            name: global-cache
          shared:
            external: true
        """);
    DesiredProject desired = new ProjectTranslator("test").translate(loaded);
    DesiredNetwork back = desired.networks().stream().filter(n -> n.key().equals("back")).findFirst().orElseThrow();
    assertEquals(new DesiredNetwork("back", new NetworkSpec("demo_back", "overlay",
        Map.of("tier", "back", "com.docker.compose.version", "test"), Map.of(), true, false, false, List.of()),
        ConfigHash.of(loaded.project().networks().get("back")), false), back);
    DesiredVolume cache = desired.volumes().get(0);
    assertEquals(new DesiredVolume("cache", new VolumeSpec("global-cache", "local",
        Map.of("com.docker.compose.version", "test"), Map.of()),
        ConfigHash.of(loaded.project().volumes().get("cache")), false), cache);
    assertEquals(true, desired.volumes().get(1).external());
    assertEquals(List.of(Mount.Volume.named("global-cache", "/c"), Mount.Volume.named("shared", "/s")),
        desired.service("app").orElseThrow().template().mounts());
  }

  @Test
  void buildOnlyServicesRunTheProjectServiceImageAndDeployKeysApply() {
    DesiredService worker = translate("""
        name: demo
        services:
          worker:
            build: .
            network_mode: host
            deploy:
              replicas: 3
              restart_policy:
                condition: on-failure
                max_attempts: 2
              resources:
                limits:
                  cpus: "1.5"
                  memory: 128m
        """).service("worker").orElseThrow();
    assertEquals(ImageRef.of("demo-worker"), worker.template().image());
    assertEquals(3, worker.replicas());
    assertEquals(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 2), worker.template().restartPolicy());
    assertEquals(Optional.of(128L * 1024 * 1024), worker.template().resources().memory());
    assertEquals(Optional.of(1.5), worker.template().resources().cpus());
    assertEquals(Optional.of("host"), worker.template().networkMode());
    assertEquals(List.of(), worker.template().networks());
  }

  private static final String INJECTED = """
      name: shop
      services:
        web:
          image: nginx:1.27
          secrets:
            - source: token
              target: api-token
              uid: "101"
              gid: "102"
              mode: 0400
          configs:
            - site
            - source: motd
              target: /etc/motd
      secrets:
        token:
          environment: TOKEN
      configs:
        site:
          content: |
            listen %s;
        motd:
          content: hello
      """;

  private LoadedProject loadWithToken(String yaml, String token) {
    try {
      java.nio.file.Files.writeString(dir.resolve("compose.yaml"), yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return dev.berth.model.load.ProjectLoader.load(dev.berth.model.load.LoadOptions
        .defaults(dir, Map.of("TOKEN", token)).withFiles(List.of("compose.yaml")));
  }

  @Test
  void secretsAndConfigsGivenByValueBecomeInjectedFilesWithOwnerAndMode() {
    DesiredService web = new ProjectTranslator("test").translate(loadWithToken(INJECTED.formatted("80"), "t0k3n"))
        .service("web").orElseThrow();
    assertEquals(List.of(
        new InjectedFile("/run/secrets/api-token", "t0k3n", 101, 102, 0400),
        new InjectedFile("/site", "listen 80;\n", 0, 0, 0444),
        new InjectedFile("/etc/motd", "hello", 0, 0, 0444)), web.template().mounts());
  }

  @Test
  void changingAValueGivenByEnvironmentOrContentChangesTheConfigHash() {
    ProjectTranslator translator = new ProjectTranslator("test");
    String base = translator.translate(loadWithToken(INJECTED.formatted("80"), "a")).service("web").orElseThrow()
        .configHash();
    String otherSecret = translator.translate(loadWithToken(INJECTED.formatted("80"), "b")).service("web")
        .orElseThrow().configHash();
    String otherConfig = translator.translate(loadWithToken(INJECTED.formatted("81"), "a")).service("web")
        .orElseThrow().configHash();
    assertEquals(3, java.util.Set.of(base, otherSecret, otherConfig).size());
    LoadedProject same = loadWithToken(INJECTED.formatted("80"), "a");
    assertEquals(base, ConfigHash.of(same.project(), "web"));
  }

  @Test
  void aSecretFromAnUnsetVariableIsAnErrorNamingTheVariable() {
    LoadedProject loaded = Projects.load(dir, """
        services:
          web:
            image: nginx
            secrets: [token]
        secrets:
          token:
            environment: BERTH_TEST_SURELY_UNSET_TOKEN
        """);
    dev.berth.engine.plan.PlanningException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.berth.engine.plan.PlanningException.class, () -> new ProjectTranslator("test").translate(loaded));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("BERTH_TEST_SURELY_UNSET_TOKEN is not set"),
        e.getMessage());
  }

  @Test
  void serviceNetworkModeJoinsTheFirstReplicaOfThatService() {
    DesiredProject project = translate("""
        name: demo
        services:
          vpn:
            image: busybox
          named:
            image: busybox
            container_name: the-named
          app:
            image: busybox
            network_mode: service:vpn
          other:
            image: busybox
            network_mode: "service:named"
        """);
    assertEquals(Optional.of("container:demo-vpn-1"), project.service("app").orElseThrow().template().networkMode());
    assertEquals(Optional.of("container:the-named"), project.service("other").orElseThrow().template()
        .networkMode());
  }

  @Test
  void secretFileContentIsDigestedIntoTheHashAndTheDigestLabel() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("token.txt"), "one");
    String yaml = """
        name: demo
        services:
          app: {image: busybox, secrets: [token]}
        secrets:
          token: {file: ./token.txt}
        """;
    DesiredService first = translate(yaml).service("app").orElseThrow();
    String label = first.template().labels().get(dev.berth.engine.ComposeLabels.FILE_OBJECT_DIGESTS);
    assertEquals("secret:token=" + sha256("one").substring(0, 12), label);
    java.nio.file.Files.writeString(dir.resolve("token.txt"), "two");
    DesiredService second = translate(yaml).service("app").orElseThrow();
    org.junit.jupiter.api.Assertions.assertNotEquals(first.configHash(), second.configHash());
    assertEquals("secret:token=" + sha256("two").substring(0, 12),
        second.template().labels().get(dev.berth.engine.ComposeLabels.FILE_OBJECT_DIGESTS));
  }

  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void volumesFromBecomesContainerReferencesAndImpliesADependency() {
    DesiredProject project = translate("""
        name: demo
        services:
          data: {image: busybox, volumes: [/shared]}
          named: {image: busybox, container_name: the-named}
          app:
            image: busybox
            volumes_from: ["data", "service:named:ro", "container:legacy:rw", "container:other:ro"]
        """);
    DesiredService app = project.service("app").orElseThrow();
    assertEquals(List.of(new dev.berth.runtime.VolumesFrom("demo-data-1", false),
        new dev.berth.runtime.VolumesFrom("the-named", true), new dev.berth.runtime.VolumesFrom("legacy", false),
        new dev.berth.runtime.VolumesFrom("other", true)), app.template().volumesFrom());
    assertEquals(List.of("data", "named"), app.dependsOn().stream().map(Dependency::service).toList());
  }

  @Test
  void aVolumeSubpathReachesTheMount() {
    DesiredProject project = translate("""
        name: demo
        services:
          app:
            image: busybox
            volumes:
              - {type: volume, source: data, target: /etc/app, read_only: true, volume: {subpath: app/conf}}
        volumes:
          data: {}
        """);
    assertEquals(List.of(new Mount.Volume(Optional.of("demo_data"), "/etc/app", true, false,
        Optional.of("app/conf"))), project.service("app").orElseThrow().template().mounts());
  }

  @Test
  void ipcAndPidOfAServiceJoinItsFirstReplicaAndHostModesPass() {
    DesiredProject project = translate("""
        name: demo
        services:
          db:
            image: busybox
          app:
            image: busybox
            ipc: service:db
            pid: "service:db"
            uts: host
          tool:
            image: busybox
            pid: host
            ipc: shareable
        """);
    ContainerSpec app = project.service("app").orElseThrow().template();
    assertEquals(Optional.of("container:demo-db-1"), app.ipcMode());
    assertEquals(Optional.of("shareable"), project.service("db").orElseThrow().template().ipcMode(),
        "a service whose IPC another joins is created shareable");
    assertEquals(Optional.of("container:demo-db-1"), app.pidMode());
    assertEquals(Optional.of("host"), app.utsMode());
    ContainerSpec tool = project.service("tool").orElseThrow().template();
    assertEquals(Optional.of("host"), tool.pidMode());
    assertEquals(Optional.of("shareable"), tool.ipcMode());
    assertEquals(List.of("db"), project.service("app").orElseThrow().dependsOn().stream()
        .map(Dependency::service).toList(), "a namespace of another service is a dependency on it");
  }

  @Test
  void aJoinedServiceKeepsTheIpcItSaysAndOnlyTheJoinedOneBecomesShareable() {
    DesiredProject project = translate("""
        name: demo
        services:
          hosted:
            image: busybox
            ipc: host
          chained:
            image: busybox
            ipc: service:hosted
          last:
            image: busybox
            ipc: service:chained
          alone:
            image: busybox
        """);
    assertEquals(Optional.of("host"), ipc(project, "hosted"), "the joiner shares the host's IPC, as the donor does");
    assertEquals(Optional.of("container:demo-hosted-1"), ipc(project, "chained"),
        "a joiner that is joined itself keeps its join (the next one shares the same /dev/shm)");
    assertEquals(Optional.of("container:demo-chained-1"), ipc(project, "last"));
    assertEquals(Optional.empty(), ipc(project, "alone"), "nobody joins it: private, nothing on the host");
  }

  @Test
  void joiningAServiceWhoseIpcIsPrivateIsAnErrorNamingBothServices() {
    PlanningException e = assertThrows(PlanningException.class, () -> translate("""
        name: demo
        services:
          db:
            image: busybox
            ipc: private
          app:
            image: busybox
            ipc: service:db
        """));
    assertTrue(e.getMessage().contains("services.app.ipc: 'service:db'"), e.getMessage());
    assertTrue(e.getMessage().contains("'ipc: private' cannot be shared"), e.getMessage());
    assertTrue(e.getMessage().contains("write 'ipc: shareable' on db"), e.getMessage());
  }

  private static Optional<String> ipc(DesiredProject project, String service) {
    return project.service(service).orElseThrow().template().ipcMode();
  }

  @Test
  void linksReachEveryNetworkOfTheServiceForEachReplicaAndPrioritiesStayWithTheNetworks() {
    DesiredProject project = translate("""
        name: demo
        services:
          db:
            image: busybox
            scale: 2
          cache:
            image: busybox
            container_name: the-cache
          app:
            image: busybox
            links: ["db:database", cache]
            external_links: ["legacy:old", "plain"]
            networks:
              front:
                priority: 1
                gw_priority: 7
              back:
                priority: 5
        networks:
          front: {}
          back: {}
        """);
    List<NetworkAttachment.Link> links = List.of(new NetworkAttachment.Link("demo-db-1", "database"),
        new NetworkAttachment.Link("demo-db-1", "db-1"), new NetworkAttachment.Link("demo-db-1", "demo-db-1"),
        new NetworkAttachment.Link("demo-db-2", "database"), new NetworkAttachment.Link("demo-db-2", "db-2"),
        new NetworkAttachment.Link("demo-db-2", "demo-db-2"), new NetworkAttachment.Link("the-cache", "cache"),
        new NetworkAttachment.Link("the-cache", "cache-1"), new NetworkAttachment.Link("the-cache", "demo-cache-1"),
        new NetworkAttachment.Link("legacy", "old"), new NetworkAttachment.Link("plain", "plain"));
    List<NetworkAttachment> networks = project.service("app").orElseThrow().template().networks();
    assertEquals(List.of("demo_back", "demo_front"), networks.stream().map(NetworkAttachment::network).toList());
    assertEquals(List.of(links, links), networks.stream().map(NetworkAttachment::links).toList());
    assertEquals(List.of(5, 1), networks.stream().map(NetworkAttachment::priority).toList());
    assertEquals(List.of(0, 7), networks.stream().map(NetworkAttachment::gwPriority).toList());
    assertEquals(List.of("db", "cache"), project.service("app").orElseThrow().dependsOn().stream()
        .map(Dependency::service).toList(), "links are dependencies");
  }

  @Test
  void aLinkToAScaledServiceNamesEveryReplicaByItsOwnNumberAsComposeV2Does() {
    DesiredProject project = translate("""
        name: proj
        services:
          db:
            image: busybox
            scale: 2
          web:
            image: busybox
            scale: 2
            links: [db, "db:db"]
        """);
    List<NetworkAttachment.Link> links = project.service("web").orElseThrow().template().networks().get(0).links();
    assertEquals(List.of("proj-db-1:db", "proj-db-1:db-1", "proj-db-1:proj-db-1", "proj-db-2:db", "proj-db-2:db-2",
        "proj-db-2:proj-db-2"), links.stream().map(NetworkAttachment.Link::toString).toList(),
        "the second entry repeats the first one: its links appear once");
    assertEquals(Set.of("db", "db-1", "db-2", "proj-db-1", "proj-db-2"),
        links.stream().map(NetworkAttachment.Link::alias).collect(Collectors.toSet()));
  }
}
