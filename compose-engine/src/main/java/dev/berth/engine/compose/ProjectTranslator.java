package dev.berth.engine.compose;

import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DependencyCondition;
import dev.berth.engine.desired.DesiredNetwork;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.desired.DesiredVolume;
import dev.berth.model.discovery.ComposeSource;
import dev.berth.model.env.VariableOrigin;
import dev.berth.model.load.LoadedProject;
import dev.berth.engine.plan.FileObjectChanges;
import dev.berth.model.output.ConfigHash;
import dev.berth.model.project.DependsOn;
import dev.berth.model.project.NetworkConfig;
import dev.berth.model.project.Project;
import dev.berth.model.project.Service;
import dev.berth.model.project.VolumeConfig;
import dev.berth.runtime.IpamPool;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Project → {@link DesiredProject}, as Compose's create step does: one container template per service with the
 * {@code com.docker.compose.*} labels, networks named {@code <project>_<key>} and volumes {@code <project>_<key>}
 * (unless {@code name:} is set), each with its config hash. The planner adds replica names and numbers.
 */
public final class ProjectTranslator {
  public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
  public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
  public static final String ENVIRONMENT_FILE = "com.docker.compose.project.environment_file";
  public static final String VERSION = "com.docker.compose.version";

  private final String version;

  /** {@code version} is written as {@code com.docker.compose.version}. */
  public ProjectTranslator(String version) {
    this.version = Objects.requireNonNull(version, "version");
  }

  /** The project with its config files and the env files the loader read as bookkeeping labels. */
  public DesiredProject translate(LoadedProject loaded) {
    List<String> configFiles = loaded.files().sources().stream()
        .map(s -> s.path() == null ? ComposeSource.STDIN : s.path().toString()).toList();
    Set<String> envFiles = new LinkedHashSet<>();
    for (String name : loaded.environment().names()) {
      loaded.environment().origin(name)
          .filter(o -> o.kind() == VariableOrigin.Kind.ENV_FILE && !o.location().file().isEmpty())
          .ifPresent(o -> envFiles.add(o.location().file()));
    }
    return translate(loaded.project(), configFiles, List.copyOf(envFiles));
  }

  public DesiredProject translate(Project project, List<String> configFiles, List<String> envFiles) {
    Map<String, String> projectLabels = new LinkedHashMap<>();
    projectLabels.put(WORKING_DIR, project.workingDir() == null ? "" : project.workingDir().toString());
    projectLabels.put(CONFIG_FILES, String.join(",", configFiles));
    if (!envFiles.isEmpty()) {
      projectLabels.put(ENVIRONMENT_FILE, String.join(",", envFiles));
    }
    List<DesiredService> services = new ArrayList<>();
    project.services().forEach((name, service) -> services.add(service(project, name, service, projectLabels)));
    List<DesiredNetwork> networks = new ArrayList<>();
    project.networks().forEach((key, config) -> networks.add(network(project, key, config)));
    List<DesiredVolume> volumes = new ArrayList<>();
    project.volumes().forEach((key, config) -> volumes.add(volume(project, key, config)));
    return new DesiredProject(project.name(), services, networks, volumes);
  }

  private DesiredService service(Project project, String name, Service service, Map<String, String> projectLabels) {
    String hash = ConfigHash.of(project, name);
    Map<String, String> labels = new LinkedHashMap<>(service.labels());
    labels.put(dev.berth.engine.ComposeLabels.PROJECT, project.name());
    labels.put(dev.berth.engine.ComposeLabels.SERVICE, name);
    labels.put(dev.berth.engine.ComposeLabels.ONEOFF, "False");
    labels.put(dev.berth.engine.ComposeLabels.CONFIG_HASH, hash);
    Map<String, String> digests = ConfigHash.fileObjectDigests(project, name);
    if (!digests.isEmpty()) {
      labels.put(dev.berth.engine.ComposeLabels.FILE_OBJECT_DIGESTS, FileObjectChanges.label(digests));
    }
    labels.putAll(projectLabels);
    labels.put(VERSION, version);
    return new DesiredService(name, ServiceSpecs.template(project, name, service, labels),
        ServiceSpecs.replicas(service), hash, "", dependencies(service), BuildSpecs.of(project, name, service));
  }

  static List<Dependency> dependencies(Service service) {
    List<Dependency> out = new ArrayList<>();
    service.dependsOn().forEach((dep, d) -> out.add(new Dependency(dep, condition(d),
        d == null || d.required() == null || d.required(), d != null && Boolean.TRUE.equals(d.restart()))));
    return out;
  }

  private static DependencyCondition condition(DependsOn d) {
    String c = d == null || d.condition() == null ? "service_started" : d.condition();
    switch (c) {
      case "service_healthy":
        return DependencyCondition.SERVICE_HEALTHY;
      case "service_completed_successfully":
        return DependencyCondition.SERVICE_COMPLETED_SUCCESSFULLY;
      default:
        return DependencyCondition.SERVICE_STARTED;
    }
  }

  /** The runtime name of a top-level network: its {@code name:}, else {@code <project>_<key>}. */
  static String networkName(Project project, String key) {
    NetworkConfig config = project.networks().get(key);
    if (config != null && config.name() != null) {
      return config.name();
    }
    return project.name() + "_" + key;
  }

  private DesiredNetwork network(Project project, String key, NetworkConfig config) {
    NetworkConfig c = config == null ? new NetworkConfig(null, null, null, null, null, null, null, null, null, null,
        null) : config;
    Map<String, String> labels = new LinkedHashMap<>(c.labels());
    labels.put(VERSION, version);
    List<IpamPool> pools = c.ipam() == null ? List.of() : c.ipam().config().stream()
        .filter(p -> p.subnet() != null)
        .map(p -> new IpamPool(p.subnet(), Optional.ofNullable(p.gateway()), Optional.ofNullable(p.ipRange())))
        .toList();
    NetworkSpec spec = new NetworkSpec(networkName(project, key), c.driver() == null ? "bridge" : c.driver(), labels,
        c.driverOpts(), Boolean.TRUE.equals(c.internal()), Boolean.TRUE.equals(c.attachable()),
        Boolean.TRUE.equals(c.enableIpv6()), pools);
    return new DesiredNetwork(key, spec, ConfigHash.of(c), Boolean.TRUE.equals(c.external()));
  }

  private DesiredVolume volume(Project project, String key, VolumeConfig config) {
    VolumeConfig c = config == null ? new VolumeConfig(null, null, null, null, null, null) : config;
    Map<String, String> labels = new LinkedHashMap<>(c.labels());
    labels.put(VERSION, version);
    VolumeSpec spec = new VolumeSpec(MountSpecs.volumeName(project, key), c.driver() == null ? "local" : c.driver(),
        labels, c.driverOpts());
    return new DesiredVolume(key, spec, ConfigHash.of(c), Boolean.TRUE.equals(c.external()));
  }
}
