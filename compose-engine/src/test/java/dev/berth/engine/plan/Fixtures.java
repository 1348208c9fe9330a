package dev.berth.engine.plan;

import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredNetwork;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.desired.DesiredVolume;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerState;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.Mount;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumeSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds desired projects and observed snapshots for planner tests, without any runtime. */
final class Fixtures {
  static final String PROJECT = "demo";
  static final String DEFAULT_NETWORK = "demo_default";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  /** A service on the default network, image {@code <name>:latest}, digest {@code sha256:<name>-v1}. */
  static DesiredService service(String name, String hash, Dependency... deps) {
    ContainerSpec template = ContainerSpec.builder(name, ImageRef.of(name + ":latest"))
        .networks(List.of(NetworkAttachment.of(DEFAULT_NETWORK, name)))
        .build();
    return new DesiredService(name, template, 1, hash, "sha256:" + name + "-v1", Arrays.asList(deps));
  }

  static DesiredService withMounts(DesiredService s, Mount... mounts) {
    return new DesiredService(s.name(), s.template().toBuilder().mounts(List.of(mounts)).build(), s.replicas(),
        s.configHash(), s.imageDigest(), s.dependsOn());
  }

  static DesiredNetwork defaultNetwork(String hash) {
    return new DesiredNetwork("default", NetworkSpec.bridge(DEFAULT_NETWORK, Map.of()), hash, false);
  }

  static DesiredVolume volume(String key) {
    return new DesiredVolume(key, VolumeSpec.local(PROJECT + "_" + key, Map.of()), "vol-" + key, false);
  }

  static DesiredProject project(List<DesiredVolume> volumes, DesiredService... services) {
    return new DesiredProject(PROJECT, List.of(services), List.of(defaultNetwork("net-1")), volumes);
  }

  static DesiredProject project(DesiredService... services) {
    return project(List.of(), services);
  }

  /** Everything of {@code project} exists and runs as desired (networks and volumes included). */
  static ObservedSnapshot upToDate(DesiredProject project) {
    List<ContainerSummary> containers = new ArrayList<>();
    for (DesiredService s : project.services()) {
      for (int n = 1; n <= s.replicas(); n++) {
        containers.add(container(s, n, ContainerStatus.RUNNING));
      }
    }
    return snapshot(project, containers);
  }

  /** The project's networks and volumes as they would have been created, plus {@code containers}. */
  static ObservedSnapshot snapshot(DesiredProject project, List<ContainerSummary> containers) {
    List<NetworkSummary> networks = project.networks().stream()
        .map(n -> NetworkReconciler.labelled(PROJECT, n))
        .map(spec -> new NetworkSummary(id("network:" + spec.name()), spec.name(), spec.driver(), spec.labels(),
            false, containers.stream().filter(c -> c.networks().contains(spec.name())).map(ContainerSummary::name)
                .sorted().toList()))
        .toList();
    List<VolumeSummary> volumes = project.volumes().stream()
        .map(v -> VolumeReconciler.labelled(PROJECT, v))
        .map(spec -> new VolumeSummary(spec.name(), spec.driver(), spec.labels(), false))
        .toList();
    return new ObservedSnapshot(PROJECT, containers, networks, volumes);
  }

  /** Replica {@code n} of {@code s} as a runtime would report it after creating it from the planner's spec. */
  static ContainerSummary container(DesiredService s, int n, ContainerStatus status) {
    return container(ReplicaSpecs.replica(PROJECT, s, n), status, 0);
  }

  static ContainerSummary container(ContainerSpec spec, ContainerStatus status, int exitCode) {
    List<MountPoint> mounts = spec.mounts().stream().map(m -> {
      if (m instanceof Mount.Volume v) {
        return new MountPoint(MountPoint.Type.VOLUME, v.name().orElse(id("anon:" + spec.name() + v.target())),
            v.target(), v.readOnly());
      }
      return new MountPoint(MountPoint.Type.TMPFS, "", m.target(), false);
    }).toList();
    ContainerState state = new ContainerState(status, exitCode,
        spec.healthcheck().isPresent() ? HealthStatus.HEALTHY : HealthStatus.NONE,
        status == ContainerStatus.CREATED ? Optional.empty() : Optional.of(T0),
        status == ContainerStatus.EXITED ? Optional.of(T0) : Optional.empty());
    return new ContainerSummary(ContainerId.of(id("container:" + spec.name())), spec.name(), spec.image(),
        "sha256:" + id("image:" + spec.image()), spec.labels(), state, mounts,
        spec.networks().stream().map(NetworkAttachment::network).toList());
  }

  /** A container of a service the project no longer defines. */
  static ContainerSummary orphan(String service, int n) {
    ContainerSpec spec = ReplicaSpecs.replica(PROJECT, service(service, "old"), n);
    return container(spec, ContainerStatus.RUNNING, 0);
  }

  static String id(String seed) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
