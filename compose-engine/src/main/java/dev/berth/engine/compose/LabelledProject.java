package dev.berth.engine.compose;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DependencyCondition;
import dev.berth.engine.desired.DesiredNetwork;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.desired.DesiredVolume;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumeSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project rebuilt from the labels of its resources alone, for commands that run without compose files
 * ({@code down -p NAME}, {@code stop}, ...): one service per {@code com.docker.compose.service} label with the
 * dependencies of its {@code depends_on} label, and the labelled networks and volumes.
 */
final class LabelledProject {
  private LabelledProject() {}

  static DesiredProject of(ObservedSnapshot observed) {
    Map<String, DesiredService> services = new TreeMap<>();
    for (ContainerSummary c : observed.containers()) {
      String service = c.label(ComposeLabels.SERVICE);
      if (service == null || ObservedSnapshot.isOneOff(c) || services.containsKey(service)) {
        continue;
      }
      ContainerSpec template = ContainerSpec.builder(observed.project() + "-" + service, c.image()).build();
      String hash = c.labels().getOrDefault(ComposeLabels.CONFIG_HASH, "");
      services.put(service, new DesiredService(service, template, 0, hash, "", dependencies(c)));
    }
    List<DesiredService> list = new ArrayList<>();
    for (DesiredService s : services.values()) {
      list.add(s.withDependsOn(s.dependsOn().stream().filter(d -> services.containsKey(d.service())).toList()));
    }
    List<DesiredNetwork> networks = new ArrayList<>();
    for (NetworkSummary n : observed.networks()) {
      String key = n.labels().get(ComposeLabels.NETWORK);
      if (key != null) {
        networks.add(new DesiredNetwork(key, NetworkSpec.bridge(n.name(), n.labels()),
            n.labels().getOrDefault(ComposeLabels.CONFIG_HASH, ""), false));
      }
    }
    List<DesiredVolume> volumes = new ArrayList<>();
    for (VolumeSummary v : observed.volumes()) {
      String key = v.labels().get(ComposeLabels.VOLUME);
      if (key != null) {
        volumes.add(new DesiredVolume(key, VolumeSpec.local(v.name(), v.labels()),
            v.labels().getOrDefault(ComposeLabels.CONFIG_HASH, ""), false));
      }
    }
    return new DesiredProject(observed.project(), list, networks, volumes);
  }

  /** Parses {@code dep:condition:restart,...}. */
  static List<Dependency> dependencies(ContainerSummary c) {
    String label = c.label(ComposeLabels.DEPENDS_ON);
    List<Dependency> out = new ArrayList<>();
    if (label == null || label.isBlank()) {
      return out;
    }
    for (String entry : label.split(",")) {
      String[] parts = entry.split(":");
      DependencyCondition condition = DependencyCondition.SERVICE_STARTED;
      for (DependencyCondition dc : DependencyCondition.values()) {
        if (parts.length > 1 && dc.composeName().equals(parts[1])) {
          condition = dc;
        }
      }
      out.add(new Dependency(parts[0], condition, true, parts.length > 2 && Boolean.parseBoolean(parts[2])));
    }
    return out;
  }
}
