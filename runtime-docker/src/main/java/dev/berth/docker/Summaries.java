package dev.berth.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerState;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.IpamPool;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.VolumeSummary;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Converts the Engine API's inspect answers into the runtime SPI's summaries. */
final class Summaries {
  /** dockerd (before 24.0) gives anonymous volumes a random 64-hex-digit name and no label. */
  private static final Pattern GENERATED_VOLUME_NAME = Pattern.compile("[0-9a-f]{64}");
  static final String ANONYMOUS_VOLUME_LABEL = "com.docker.volume.anonymous";
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private Summaries() {}

  static ContainerSummary container(InspectContainerResponse c) {
    Map<String, String> labels = c.getConfig() == null || c.getConfig().getLabels() == null
        ? Map.of() : new TreeMap<>(c.getConfig().getLabels());
    String image = c.getConfig() == null || c.getConfig().getImage() == null ? c.getImageId() : c.getConfig().getImage();
    List<MountPoint> mounts = c.getMounts() == null ? List.of() : c.getMounts().stream()
        .map(Summaries::mount).sorted((a, b) -> a.target().compareTo(b.target())).toList();
    List<String> networks = c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null
        ? List.of() : c.getNetworkSettings().getNetworks().keySet().stream().sorted().toList();
    return new ContainerSummary(ContainerId.of(c.getId()), stripSlash(c.getName()), ImageRef.of(image),
        c.getImageId(), labels, state(c.getState()), mounts, networks, ports(c));
  }

  /** The ports a running container publishes (dockerd reports the bindings only while it runs). */
  private static List<PortBinding> ports(InspectContainerResponse c) {
    if (c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
      return List.of();
    }
    List<PortBinding> out = new ArrayList<>();
    c.getNetworkSettings().getPorts().getBindings().forEach((exposed, bindings) -> {
      if (bindings == null) {
        return;
      }
      for (Ports.Binding b : bindings) {
        if (b.getHostPortSpec() == null || !b.getHostPortSpec().matches("[0-9]+")) {
          continue;
        }
        out.add(new PortBinding(b.getHostIp() == null ? "" : b.getHostIp(), Integer.parseInt(b.getHostPortSpec()),
            exposed.getPort(), exposed.getProtocol().toString()));
      }
    });
    out.sort(Comparator.comparingInt(PortBinding::containerPort).thenComparing(PortBinding::hostIp));
    return out;
  }

  static ContainerState state(InspectContainerResponse.ContainerState s) {
    ContainerStatus status = status(s.getStatus());
    Long exit = s.getExitCodeLong();
    HealthStatus health = s.getHealth() == null ? HealthStatus.NONE : health(s.getHealth().getStatus());
    return new ContainerState(status, exit == null ? 0 : exit.intValue(), health, time(s.getStartedAt()),
        time(s.getFinishedAt()));
  }

  static ContainerStatus status(String s) {
    return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
      case "running" -> ContainerStatus.RUNNING;
      case "paused" -> ContainerStatus.PAUSED;
      case "restarting" -> ContainerStatus.RESTARTING;
      case "exited" -> ContainerStatus.EXITED;
      case "dead", "removing" -> ContainerStatus.DEAD;
      default -> ContainerStatus.CREATED;
    };
  }

  static HealthStatus health(String s) {
    return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
      case "starting" -> HealthStatus.STARTING;
      case "healthy" -> HealthStatus.HEALTHY;
      case "unhealthy" -> HealthStatus.UNHEALTHY;
      default -> HealthStatus.NONE;
    };
  }

  static Optional<Instant> time(String t) {
    if (t == null || t.isBlank() || t.equals(ZERO_TIME)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(t));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static MountPoint mount(InspectContainerResponse.Mount m) {
    String target = m.getDestination() == null ? "" : m.getDestination().getPath();
    boolean readOnly = m.getRW() != null && !m.getRW();
    if (m.getName() != null && !m.getName().isEmpty()) {
      return new MountPoint(MountPoint.Type.VOLUME, m.getName(), target, readOnly);
    }
    if (m.getSource() == null || m.getSource().isEmpty()) {
      return new MountPoint(MountPoint.Type.TMPFS, "", target, readOnly);
    }
    return new MountPoint(MountPoint.Type.BIND, m.getSource(), target, readOnly);
  }

  static NetworkSummary network(Network n) {
    List<String> containers = n.getContainers() == null ? List.of() : n.getContainers().values().stream()
        .map(Network.ContainerNetworkConfig::getName).map(Summaries::stripSlash).sorted().toList();
    List<IpamPool> pools = n.getIpam() == null || n.getIpam().getConfig() == null ? List.of()
        : n.getIpam().getConfig().stream().filter(c -> c.getSubnet() != null)
            .map(c -> new IpamPool(c.getSubnet(), Optional.ofNullable(c.getGateway()),
                Optional.ofNullable(c.getIpRange()))).toList();
    return new NetworkSummary(n.getId(), n.getName(), n.getDriver(), labels(n.getLabels()),
        Boolean.TRUE.equals(n.getInternal()), containers, pools);
  }

  static VolumeSummary volume(InspectVolumeResponse v) {
    Map<String, String> labels = labels(v.getLabels());
    boolean anonymous = labels.containsKey(ANONYMOUS_VOLUME_LABEL)
        || labels.isEmpty() && GENERATED_VOLUME_NAME.matcher(v.getName()).matches();
    return new VolumeSummary(v.getName(), v.getDriver(), labels, anonymous);
  }

  static Map<String, String> labels(Map<String, String> labels) {
    return labels == null ? Map.of() : new TreeMap<>(labels);
  }

  static String stripSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : String.valueOf(name);
  }
}
