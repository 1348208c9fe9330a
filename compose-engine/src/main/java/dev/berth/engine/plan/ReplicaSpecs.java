package dev.berth.engine.plan;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredService;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.Mount;
import dev.berth.runtime.MountPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns a service template into the spec of replica N: Compose's name and labels. */
final class ReplicaSpecs {
  private ReplicaSpecs() {}

  static String containerName(String project, String service, int number) {
    return project + "-" + service + "-" + number;
  }

  /**
   * The name of replica {@code number}: {@code <project>-<service>-<n>}, unless the template carries a fixed name
   * ({@code container_name}), i.e. one other than the placeholders {@code <service>} and {@code <project>-<service>}
   * (and names already of the form {@code <project>-<service>-*}).
   */
  static String containerName(String project, DesiredService service, int number) {
    String fixed = service.template().name();
    String prefix = project + "-" + service.name();
    if (!fixed.equals(service.name()) && !fixed.equals(prefix) && !fixed.startsWith(prefix + "-")) {
      return fixed;
    }
    return containerName(project, service.name(), number);
  }

  static ContainerSpec replica(String project, DesiredService service, int number) {
    return replica(project, service, number, containerName(project, service, number), null);
  }

  /** The spec of replica {@code number} under {@code name}; {@code replaces} names the container it replaces. */
  static ContainerSpec replica(String project, DesiredService service, int number, String name, String replaces) {
    Map<String, String> labels = new LinkedHashMap<>(service.template().labels());
    labels.put(ComposeLabels.PROJECT, project);
    labels.put(ComposeLabels.SERVICE, service.name());
    labels.put(ComposeLabels.CONTAINER_NUMBER, Integer.toString(number));
    labels.put(ComposeLabels.ONEOFF, "False");
    labels.put(ComposeLabels.CONFIG_HASH, service.configHash());
    if (!service.imageDigest().isEmpty()) {
      labels.put(ComposeLabels.IMAGE, service.imageDigest());
    }
    if (!service.dependsOn().isEmpty()) {
      labels.put(ComposeLabels.DEPENDS_ON,
          service.dependsOn().stream().map(Dependency::label).collect(Collectors.joining(",")));
    }
    if (replaces != null) {
      labels.put(ComposeLabels.REPLACE, replaces);
    }
    return service.template().toBuilder().name(name).labels(labels).build();
  }

  /** Anonymous volume mounts of {@code spec} reuse the volume the old container had at the same target. */
  static ContainerSpec inheritAnonymousVolumes(ContainerSpec spec, ContainerSummary old) {
    List<Mount> mounts = new ArrayList<>();
    for (Mount m : spec.mounts()) {
      if (m instanceof Mount.Volume v && v.anonymous()) {
        Optional<MountPoint> previous = old.mounts().stream()
            .filter(p -> p.type() == MountPoint.Type.VOLUME && p.target().equals(v.target()))
            .findFirst();
        mounts.add(previous.<Mount>map(p -> new Mount.Volume(Optional.of(p.source()), v.target(), v.readOnly(),
            v.noCopy())).orElse(m));
      } else {
        mounts.add(m);
      }
    }
    return spec.toBuilder().mounts(mounts).build();
  }
}
