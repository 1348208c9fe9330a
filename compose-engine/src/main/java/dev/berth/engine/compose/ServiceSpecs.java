package dev.berth.engine.compose;

import dev.berth.model.canonical.GoDuration;
import dev.berth.model.project.Deploy;
import dev.berth.model.project.Project;
import dev.berth.model.project.ResourceSpec;
import dev.berth.model.project.Service;
import dev.berth.model.project.ServiceNetwork;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.DeviceMapping;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LogConfig;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.Resources;
import dev.berth.runtime.RestartPolicy;
import dev.berth.runtime.Ulimit;
import dev.berth.runtime.VolumesFrom;
import dev.berth.engine.plan.PlanningException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The container spec template of one service (everything except replica name and bookkeeping labels). */
final class ServiceSpecs {
  private ServiceSpecs() {}

  /** The image a service runs: {@code image}, or {@code <project>-<service>} when only {@code build} is given. */
  static String imageName(Project project, String serviceName, Service service) {
    if (service.image() != null && !service.image().isBlank()) {
      return service.image();
    }
    return project.name() + "-" + serviceName;
  }

  static ContainerSpec template(Project project, String serviceName, Service service, Map<String, String> labels) {
    String name = service.containerName() != null ? service.containerName() : project.name() + "-" + serviceName;
    ContainerSpec.Builder b = ContainerSpec.builder(name, ImageRef.of(imageName(project, serviceName, service)))
        .entrypoint(service.entrypoint() == null ? List.of() : service.entrypoint())
        .command(service.command() == null ? List.of() : service.command())
        .env(service.environment())
        .labels(labels)
        .workingDir(Optional.ofNullable(service.workingDir()))
        .user(Optional.ofNullable(service.user()))
        .hostname(Optional.ofNullable(service.hostname()))
        .domainname(Optional.ofNullable(service.domainname()))
        .tty(Boolean.TRUE.equals(service.tty()))
        .stdinOpen(Boolean.TRUE.equals(service.stdinOpen()))
        .init(Boolean.TRUE.equals(service.init()))
        .stopSignal(Optional.ofNullable(service.stopSignal()))
        .stopGracePeriod(Optional.ofNullable(service.stopGracePeriod()).map(GoDuration::parse))
        .restartPolicy(restartPolicy(service))
        .healthcheck(healthcheck(service))
        .resources(resources(service))
        .mounts(MountSpecs.mounts(project, service))
        .ports(ports(service))
        .networks(networks(project, serviceName, service))
        .networkMode(networkMode(project, service))
        .extraHosts(extraHosts(service))
        .dns(service.dns())
        .dnsSearch(service.dnsSearch())
        .dnsOptions(service.dnsOpt())
        .capAdd(service.capAdd())
        .capDrop(service.capDrop())
        .privileged(Boolean.TRUE.equals(service.privileged()))
        .readOnly(Boolean.TRUE.equals(service.readOnly()))
        .sysctls(service.sysctls())
        .ulimits(ulimits(service))
        .shmSize(Optional.ofNullable(service.shmSize()))
        .tmpfs(tmpfs(service))
        .devices(service.devices().stream()
            .map(d -> new DeviceMapping(d.source(), d.target() == null ? d.source() : d.target(),
                d.permissions() == null ? "rwm" : d.permissions()))
            .toList())
        .securityOpt(service.securityOpt())
        .logConfig(Optional.ofNullable(service.logging())
            .filter(l -> l.driver() != null || !l.options().isEmpty())
            .map(l -> new LogConfig(l.driver() == null ? "json-file" : l.driver(), l.options())))
        .groupAdd(service.groupAdd())
        .ipcMode(ipcMode(project, serviceName, service))
        .pidMode(namespaceMode(project, service.pid()))
        .utsMode(Optional.ofNullable(service.uts()))
        .cgroupnsMode(Optional.ofNullable(service.cgroup()))
        .volumesFrom(volumesFrom(project, service));
    return b.build();
  }

  /** {@code scale}, else {@code deploy.replicas}, else 1. */
  static int replicas(Service service) {
    if (service.scale() != null) {
      return service.scale().intValue();
    }
    if (service.deploy() != null && service.deploy().replicas() != null) {
      return service.deploy().replicas().intValue();
    }
    return 1;
  }

  /** {@code restart}, else {@code deploy.restart_policy} (none → no, on-failure, any → always). */
  static RestartPolicy restartPolicy(Service service) {
    if (service.restart() != null) {
      String r = service.restart();
      if (r.equals("always")) {
        return new RestartPolicy(RestartPolicy.Mode.ALWAYS, 0);
      }
      if (r.equals("unless-stopped")) {
        return new RestartPolicy(RestartPolicy.Mode.UNLESS_STOPPED, 0);
      }
      if (r.startsWith("on-failure")) {
        int colon = r.indexOf(':');
        return new RestartPolicy(RestartPolicy.Mode.ON_FAILURE,
            colon < 0 ? 0 : Integer.parseInt(r.substring(colon + 1).trim()));
      }
      return RestartPolicy.NO;
    }
    Deploy deploy = service.deploy();
    if (deploy != null && deploy.restartPolicy() != null) {
      String condition = deploy.restartPolicy().condition();
      int attempts = deploy.restartPolicy().maxAttempts() == null ? 0
          : deploy.restartPolicy().maxAttempts().intValue();
      if (condition == null || condition.equals("any")) {
        return new RestartPolicy(RestartPolicy.Mode.ALWAYS, 0);
      }
      if (condition.equals("on-failure")) {
        return new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, attempts);
      }
    }
    return RestartPolicy.NO;
  }

  static Optional<Healthcheck> healthcheck(Service service) {
    dev.berth.model.project.Healthcheck h = service.healthcheck();
    if (h == null) {
      return Optional.empty();
    }
    if (Boolean.TRUE.equals(h.disable())) {
      return Optional.of(Healthcheck.of(List.of("NONE")));
    }
    return Optional.of(new Healthcheck(h.test() == null ? List.of() : h.test(), duration(h.interval()),
        duration(h.timeout()), duration(h.startPeriod()), duration(h.startInterval()),
        h.retries() == null ? 0 : h.retries().intValue()));
  }

  private static Duration duration(String text) {
    return text == null ? Duration.ZERO : GoDuration.parse(text);
  }

  /** {@code deploy.resources.limits} win over the legacy keys ({@code mem_limit}, {@code cpus}, ...). */
  static Resources resources(Service service) {
    ResourceSpec limits = service.deploy() != null && service.deploy().resources() != null
        ? service.deploy().resources().limits() : null;
    Optional<Long> memory = Optional.ofNullable(limits != null && limits.memory() != null ? limits.memory()
        : service.memLimit());
    Optional<Double> cpus = Optional.ofNullable(limits != null && limits.cpus() != null ? limits.cpus()
        : service.cpus());
    Optional<Long> pids = Optional.ofNullable(limits != null && limits.pids() != null ? limits.pids()
        : service.pidsLimit());
    return new Resources(memory, Optional.ofNullable(service.memswapLimit()), cpus,
        Optional.ofNullable(service.cpuShares()).map(Long::intValue), Optional.ofNullable(service.cpuset()), pids);
  }

  /**
   * {@code network_mode} in container terms: {@code service:<name>} becomes {@code container:<its first replica>}
   * (its {@code container_name}, else {@code <project>-<name>-1}), as Docker Compose resolves it; other modes pass.
   */
  static Optional<String> networkMode(Project project, Service service) {
    return namespaceMode(project, service.networkMode());
  }

  /**
   * A namespace mode ({@code network_mode}, {@code ipc}, {@code pid}) in container terms: {@code service:<name>}
   * becomes {@code container:<its first replica>}; other modes ({@code host}, {@code container:x}, ...) pass.
   */
  static Optional<String> namespaceMode(Project project, String mode) {
    if (mode != null && mode.startsWith("service:")) {
      return Optional.of("container:" + firstReplica(project, mode.substring("service:".length())));
    }
    return Optional.ofNullable(mode);
  }

  /**
   * {@code ipc} in container terms, as {@link #namespaceMode} — and beyond Compose, a service whose IPC namespace
   * another one joins ({@code ipc: service:<it>}) is created {@code shareable} when it says nothing itself, so that
   * the joiner gets its {@code /dev/shm} too and dockerd (whose default is private) does not refuse the join. Its
   * own {@code shareable}, {@code host} (the joiner then shares the host's IPC and /dev/shm, as Docker does) or
   * {@code container:}/{@code service:} (the joiner shares that one's) stay; {@code private} or {@code none} cannot
   * be joined and is an error naming both services.
   */
  static Optional<String> ipcMode(Project project, String serviceName, Service service) {
    List<String> joiners = project.services().entrySet().stream()
        .filter(e -> ("service:" + serviceName).equals(e.getValue().ipc()))
        .map(Map.Entry::getKey).toList();
    String own = service.ipc() == null ? "" : service.ipc();
    if (joiners.isEmpty()) {
      return namespaceMode(project, service.ipc());
    }
    if (own.isEmpty()) {
      return Optional.of("shareable");
    }
    if (own.equals("private") || own.equals("none")) {
      throw new PlanningException("services." + joiners.get(0) + ".ipc: 'service:" + serviceName + "' joins the IPC"
          + " namespace of service " + serviceName + ", whose 'ipc: " + own + "' cannot be shared (its /dev/shm"
          + " stays its own); write 'ipc: shareable' on " + serviceName + " (or leave its ipc out), or drop the ipc"
          + " of " + String.join(", ", joiners));
    }
    return namespaceMode(project, own);
  }

  /** The container names of a service's replicas: its {@code container_name}, else {@code <project>-<name>-<n>}. */
  static List<String> replicaNames(Project project, String serviceName) {
    Service target = project.services().get(serviceName);
    if (target != null && target.containerName() != null) {
      return List.of(target.containerName());
    }
    int count = target == null ? 1 : Math.max(1, replicas(target));
    List<String> names = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      names.add(project.name() + "-" + serviceName + "-" + n);
    }
    return names;
  }

  /**
   * The links of a service, as Compose v2 writes them into every endpoint: {@code links: [db:database]} links each
   * replica of {@code db} under the alias {@code database} (the service name without an alias) and under
   * {@code db-<n>} and {@code <project>-db-<n>}, {@code n} being that replica's own number (Compose uses the linking
   * container's number there, so {@code db-2} may name replica 1; Berth names what the user means);
   * {@code external_links: [name:alias]} links the container {@code name} as is. Repeated links appear once.
   */
  static List<NetworkAttachment.Link> links(Project project, Service service) {
    List<NetworkAttachment.Link> out = new ArrayList<>();
    for (String link : service.links()) {
      NetworkAttachment.Link parsed = NetworkAttachment.Link.parse(link);
      String linked = parsed.container();
      List<String> replicas = replicaNames(project, linked);
      for (int i = 0; i < replicas.size(); i++) {
        String container = replicas.get(i);
        int number = i + 1;
        out.add(new NetworkAttachment.Link(container, parsed.alias()));
        out.add(new NetworkAttachment.Link(container, linked + "-" + number));
        out.add(new NetworkAttachment.Link(container, project.name() + "-" + linked + "-" + number));
      }
    }
    service.externalLinks().forEach(link -> out.add(NetworkAttachment.Link.parse(link)));
    return out.stream().distinct().toList();
  }

  /**
   * {@code volumes_from} in container terms: {@code container:<name>} passes, a service ({@code <name>} or
   * {@code service:<name>}) becomes its first replica as for {@link #networkMode}; {@code :ro} makes every mount
   * read-only, {@code :rw} (the default) keeps each as the source container has it.
   */
  static List<VolumesFrom> volumesFrom(Project project, Service service) {
    List<VolumesFrom> out = new ArrayList<>();
    for (String entry : service.volumesFrom()) {
      boolean container = entry.startsWith("container:");
      String rest = container ? entry.substring("container:".length())
          : entry.startsWith("service:") ? entry.substring("service:".length()) : entry;
      String[] parts = rest.split(":", 2);
      String mode = parts.length > 1 ? parts[1] : "rw";
      if (!mode.equals("ro") && !mode.equals("rw")) {
        throw new PlanningException("volumes_from '" + entry + "': access mode must be ro or rw, was '" + mode
            + "' (write e.g. " + parts[0] + ":ro)");
      }
      out.add(new VolumesFrom(container ? parts[0] : firstReplica(project, parts[0]), mode.equals("ro")));
    }
    return out;
  }

  private static String firstReplica(Project project, String serviceName) {
    return replicaNames(project, serviceName).get(0);
  }

  /**
   * One binding per published port (the model already split {@code "8080-8082:80-82"} into one port each); a host
   * range for one container port ({@code "9000-9005:80"}) stays a range, of which the runtime publishes the first
   * free port for each replica; no published port = ephemeral (0).
   */
  static List<PortBinding> ports(Service service) {
    List<PortBinding> out = new ArrayList<>();
    for (var p : service.ports()) {
      if (p.target() == null) {
        continue;
      }
      String published = p.published() == null ? "" : p.published().strip();
      String[] bounds = published.split("-");
      int first = published.isEmpty() ? 0 : Integer.parseInt(bounds[0].strip());
      int last = bounds.length == 2 ? Integer.parseInt(bounds[1].strip()) : first;
      out.add(new PortBinding(p.hostIp() == null ? "" : p.hostIp(), first, p.target().intValue(),
          p.protocol() == null ? "tcp" : p.protocol(), last));
    }
    return out;
  }

  /**
   * One attachment per network, ordered by priority (highest first) then name, with aliases: the service name,
   * the declared aliases, and the container name when {@code container_name} is set; each with the service's
   * links and the network's {@code priority} and {@code gw_priority}.
   */
  static List<NetworkAttachment> networks(Project project, String serviceName, Service service) {
    if (service.networkMode() != null) {
      return List.of();
    }
    List<Map.Entry<String, ServiceNetwork>> entries = new ArrayList<>(service.networks().entrySet());
    entries.sort((a, b) -> {
      long pa = a.getValue() == null || a.getValue().priority() == null ? 0 : a.getValue().priority();
      long pb = b.getValue() == null || b.getValue().priority() == null ? 0 : b.getValue().priority();
      return pa != pb ? Long.compare(pb, pa) : a.getKey().compareTo(b.getKey());
    });
    List<NetworkAttachment.Link> links = links(project, service);
    List<NetworkAttachment> out = new ArrayList<>();
    for (Map.Entry<String, ServiceNetwork> e : entries) {
      ServiceNetwork sn = e.getValue();
      List<String> aliases = new ArrayList<>();
      aliases.add(serviceName);
      if (sn != null) {
        sn.aliases().stream().filter(a -> !aliases.contains(a)).forEach(aliases::add);
      }
      if (service.containerName() != null && !aliases.contains(service.containerName())) {
        aliases.add(service.containerName());
      }
      out.add(new NetworkAttachment(ProjectTranslator.networkName(project, e.getKey()), aliases,
          Optional.ofNullable(sn == null ? null : sn.ipv4Address()),
          Optional.ofNullable(sn == null ? null : sn.ipv6Address()),
          Optional.ofNullable(sn == null ? null : sn.macAddress()), links,
          sn == null || sn.priority() == null ? 0 : Math.toIntExact(sn.priority()),
          sn == null || sn.gwPriority() == null ? 0 : Math.toIntExact(sn.gwPriority())));
    }
    return out;
  }

  /** {@code host:ip} entries, one per address, in declaration order. */
  static List<String> extraHosts(Service service) {
    List<String> out = new ArrayList<>();
    service.extraHosts().forEach((host, ips) -> ips.forEach(ip -> out.add(host + ":" + ip)));
    return out;
  }

  static List<Ulimit> ulimits(Service service) {
    List<Ulimit> out = new ArrayList<>();
    service.ulimits().forEach((name, u) -> {
      long soft = u.soft() == null ? (u.hard() == null ? 0 : u.hard()) : u.soft();
      long hard = u.hard() == null ? soft : u.hard();
      out.add(new Ulimit(name, soft, hard));
    });
    return out;
  }

  /** {@code tmpfs: [/run:size=64m]} entries as path → options. */
  static Map<String, String> tmpfs(Service service) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : service.tmpfs()) {
      int colon = entry.indexOf(':');
      out.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "" : entry.substring(colon + 1));
    }
    return out;
  }
}
