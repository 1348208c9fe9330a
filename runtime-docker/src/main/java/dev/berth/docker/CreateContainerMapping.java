package dev.berth.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.BindOptions;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.api.model.VolumesFrom;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.InjectedFile;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Fills a docker-java create command from a {@link ContainerSpec}. The Engine API accepts one network at create
 * time (before API 1.44), so the first attachment goes into the create call and {@link #laterNetworks} lists the
 * ones to connect before the container starts.
 */
final class CreateContainerMapping {
  private CreateContainerMapping() {}

  static void apply(ContainerSpec spec, CreateContainerCmd cmd) {
    cmd.withName(spec.name())
        .withImage(spec.image().value())
        .withLabels(spec.labels())
        .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        .withTty(spec.tty())
        .withStdinOpen(spec.stdinOpen())
        .withStdInOnce(spec.stdinOnce())
        .withAttachStdin(false)
        .withAttachStdout(false)
        .withAttachStderr(false);
    if (!spec.entrypoint().isEmpty()) {
      cmd.withEntrypoint(spec.entrypoint());
    }
    if (!spec.command().isEmpty()) {
      cmd.withCmd(spec.command());
    }
    spec.workingDir().ifPresent(cmd::withWorkingDir);
    spec.user().ifPresent(cmd::withUser);
    spec.hostname().ifPresent(cmd::withHostName);
    spec.domainname().ifPresent(cmd::withDomainName);
    spec.stopSignal().ifPresent(cmd::withStopSignal);
    spec.stopGracePeriod().ifPresent(d -> cmd.withStopTimeout((int) Math.min(Integer.MAX_VALUE, d.toSeconds())));
    spec.healthcheck().ifPresent(h -> cmd.withHealthcheck(healthcheck(h)));
    List<ExposedPort> exposed = spec.ports().stream().map(CreateContainerMapping::exposedPort).distinct().toList();
    if (!exposed.isEmpty()) {
      cmd.withExposedPorts(exposed);
    }
    Optional<NetworkAttachment> first = firstNetwork(spec);
    first.ifPresent(n -> {
      if (!n.aliases().isEmpty()) {
        cmd.withAliases(n.aliases());
      }
      n.ipv4Address().ifPresent(cmd::withIpv4Address);
      n.ipv6Address().ifPresent(cmd::withIpv6Address);
      n.macAddress().ifPresent(cmd::withMacAddress);
    });
    cmd.withHostConfig(hostConfig(spec, first));
  }

  /** Attachments connected after create, in declaration order. */
  static List<NetworkAttachment> laterNetworks(ContainerSpec spec) {
    return firstNetwork(spec).isPresent() ? spec.networks().subList(1, spec.networks().size()) : List.of();
  }

  /** The attachment's links as the Engine API writes them ({@code container:alias}). */
  static List<Link> links(NetworkAttachment attachment) {
    return attachment.links().stream().map(l -> new Link(l.container(), l.alias())).toList();
  }

  static Optional<NetworkAttachment> firstNetwork(ContainerSpec spec) {
    return spec.networkMode().isPresent() || spec.networks().isEmpty()
        ? Optional.empty() : Optional.of(spec.networks().get(0));
  }

  static HostConfig hostConfig(ContainerSpec spec, Optional<NetworkAttachment> first) {
    HostConfig host = HostConfig.newHostConfig()
        .withInit(spec.init() ? Boolean.TRUE : null)
        .withPrivileged(spec.privileged())
        .withReadonlyRootfs(spec.readOnly())
        .withRestartPolicy(restartPolicy(spec.restartPolicy()))
        .withMounts(spec.mounts().stream().filter(m -> !(m instanceof InjectedFile))
            .map(CreateContainerMapping::mount).toList())
        .withPortBindings(portBindings(spec.ports()));
    spec.networkMode().or(() -> first.map(NetworkAttachment::network)).ifPresent(host::withNetworkMode);
    // on a user-defined network docker-java turns these into the endpoint's Links (EndpointSettings.Links)
    first.filter(n -> !n.links().isEmpty()).ifPresent(n -> host.withLinks(links(n)));
    spec.consoleSize().filter(size -> spec.tty())
        .ifPresent(size -> host.withConsoleSize(List.of(size.rows(), size.columns()))); // [height, width]
    resources(spec.resources(), host);
    if (!spec.extraHosts().isEmpty()) {
      host.withExtraHosts(spec.extraHosts().toArray(String[]::new));
    }
    if (!spec.dns().isEmpty()) {
      host.withDns(spec.dns());
    }
    if (!spec.dnsSearch().isEmpty()) {
      host.withDnsSearch(spec.dnsSearch());
    }
    if (!spec.dnsOptions().isEmpty()) {
      host.withDnsOptions(spec.dnsOptions());
    }
    if (!spec.capAdd().isEmpty()) {
      host.withCapAdd(capabilities(spec.capAdd()).toArray(Capability[]::new));
    }
    if (!spec.capDrop().isEmpty()) {
      host.withCapDrop(capabilities(spec.capDrop()).toArray(Capability[]::new));
    }
    if (!spec.sysctls().isEmpty()) {
      host.withSysctls(spec.sysctls());
    }
    if (!spec.ulimits().isEmpty()) {
      host.withUlimits(spec.ulimits().stream()
          .map(u -> new com.github.dockerjava.api.model.Ulimit(u.name(), u.soft(), u.hard())).toList());
    }
    spec.shmSize().ifPresent(host::withShmSize);
    if (!spec.volumesFrom().isEmpty()) {
      host.withVolumesFrom(spec.volumesFrom().stream().map(v -> new VolumesFrom(v.container(),
          v.readOnly() ? AccessMode.ro : AccessMode.rw)).toList());
    }
    if (!spec.tmpfs().isEmpty()) {
      host.withTmpFs(spec.tmpfs());
    }
    if (!spec.devices().isEmpty()) {
      host.withDevices(spec.devices().stream()
          .map(d -> new Device(d.permissions(), d.containerPath(), d.hostPath())).toList());
    }
    if (!spec.securityOpt().isEmpty()) {
      host.withSecurityOpts(spec.securityOpt());
    }
    spec.logConfig().ifPresent(l -> host.withLogConfig(
        new LogConfig(LogConfig.LoggingType.fromValue(l.driver()), l.options())));
    if (!spec.groupAdd().isEmpty()) {
      host.withGroupAdd(spec.groupAdd());
    }
    spec.ipcMode().ifPresent(host::withIpcMode);
    spec.pidMode().ifPresent(host::withPidMode);
    spec.utsMode().ifPresent(host::withUtSMode);
    spec.cgroupnsMode().ifPresent(host::withCgroupnsMode);
    return host;
  }

  private static void resources(Resources r, HostConfig host) {
    r.memory().ifPresent(host::withMemory);
    r.memorySwap().ifPresent(host::withMemorySwap);
    r.cpus().ifPresent(c -> host.withNanoCPUs(Math.round(c * 1_000_000_000d)));
    r.cpuShares().ifPresent(host::withCpuShares);
    r.cpuset().ifPresent(host::withCpusetCpus);
    r.pidsLimit().ifPresent(host::withPidsLimit);
  }

  static HealthCheck healthcheck(Healthcheck h) {
    HealthCheck check = new HealthCheck().withTest(h.test());
    nanos(h.interval()).ifPresent(check::withInterval);
    nanos(h.timeout()).ifPresent(check::withTimeout);
    nanos(h.startPeriod()).ifPresent(check::withStartPeriod);
    nanos(h.startInterval()).ifPresent(check::withStartInterval);
    if (h.retries() > 0) {
      check.withRetries(h.retries());
    }
    return check;
  }

  private static Optional<Long> nanos(Duration d) {
    return d.isZero() ? Optional.empty() : Optional.of(d.toNanos());
  }

  static RestartPolicy restartPolicy(dev.berth.runtime.RestartPolicy p) {
    return switch (p.mode()) {
      case NO -> RestartPolicy.noRestart();
      case ALWAYS -> RestartPolicy.alwaysRestart();
      case UNLESS_STOPPED -> RestartPolicy.unlessStoppedRestart();
      case ON_FAILURE -> RestartPolicy.onFailureRestart(p.maxRetries());
    };
  }

  static com.github.dockerjava.api.model.Mount mount(Mount m) {
    com.github.dockerjava.api.model.Mount out = new com.github.dockerjava.api.model.Mount().withTarget(m.target());
    if (m instanceof Mount.Bind b) {
      out.withType(MountType.BIND).withSource(b.source()).withReadOnly(b.readOnly());
      b.propagation().ifPresent(p -> out.withBindOptions(new BindOptions().withPropagation(propagation(p))));
    } else if (m instanceof Mount.Volume v) {
      out.withType(MountType.VOLUME).withReadOnly(v.readOnly());
      v.name().ifPresent(out::withSource);
      if (v.noCopy() || v.subpath().isPresent()) {
        out.withVolumeOptions(v.subpath().<VolumeOptions>map(SubpathVolumeOptions::new).orElseGet(VolumeOptions::new)
            .withNoCopy(v.noCopy() ? Boolean.TRUE : null));
      }
    } else if (m instanceof Mount.Tmpfs t) {
      TmpfsOptions options = new TmpfsOptions();
      if (t.sizeBytes() > 0) {
        options.withSizeBytes(t.sizeBytes());
      }
      if (t.mode() != 0) {
        options.withMode(t.mode());
      }
      out.withType(MountType.TMPFS).withTmpfsOptions(options);
    }
    return out;
  }

  private static BindPropagation propagation(String p) {
    for (BindPropagation candidate : BindPropagation.values()) {
      if (candidate.toString().equalsIgnoreCase(p) || candidate.name().equalsIgnoreCase(p)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("unknown bind propagation \"" + p + "\"");
  }

  private static ExposedPort exposedPort(PortBinding p) {
    return new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol().toLowerCase(Locale.ROOT)));
  }

  private static Ports portBindings(List<PortBinding> ports) {
    Ports out = new Ports();
    for (PortBinding p : ports) {
      // a range "9000-9005" is Docker's own HostPort syntax: dockerd publishes the first port of it it can allocate
      out.bind(exposedPort(p), new Ports.Binding(p.hostIp().isEmpty() ? null : p.hostIp(), p.hostPortSpec()));
    }
    return out;
  }

  /** Docker accepts capabilities with or without the {@code CAP_} prefix; docker-java wants the bare enum name. */
  private static List<Capability> capabilities(List<String> names) {
    Set<Capability> out = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      String bare = n.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
      try {
        out.add(Capability.valueOf(bare));
      } catch (IllegalArgumentException e) {
        unknown.add(n);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown Linux capabilities " + unknown);
    }
    return List.copyOf(out);
  }
}
