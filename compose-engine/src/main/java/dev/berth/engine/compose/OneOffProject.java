package dev.berth.engine.compose;

import dev.berth.engine.plan.PlanningException;
import dev.berth.model.canonical.CommandLineSyntax;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.project.PortConfig;
import dev.berth.model.project.Project;
import dev.berth.model.project.ProjectBinder;
import dev.berth.model.project.Service;
import dev.berth.model.project.ServiceVolume;
import dev.berth.model.project.VolumeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project a one-off container is made from: its service changed by the {@link OneOffSettings} in compose terms
 * (as {@code docker compose run} changes the service before creating the container), so that the usual translation
 * turns ports, volumes, labels and capabilities into the container spec. A named volume given with {@code -v} that
 * the project does not declare is used under its own name (Docker would create it implicitly; the one-off
 * creates it first).
 */
final class OneOffProject {
  private OneOffProject() {}

  static LoadedProject of(LoadedProject loaded, String serviceName, OneOffSettings settings) {
    Project project = loaded.project();
    Service service = project.service(serviceName);
    if (!settings.servicePorts()) {
      service = ProjectBinder.withAttribute(service, "ports", null);
    }
    if (!settings.publish().isEmpty()) {
      List<PortConfig> ports = new ArrayList<>();
      for (String p : settings.publish()) {
        ports.addAll(parse("-p/--publish", p, () -> CommandLineSyntax.ports(p)));
      }
      service = ProjectBinder.withAttribute(service, "ports", ports);
    }
    Map<String, VolumeConfig> volumes = new LinkedHashMap<>(project.volumes());
    if (!settings.volumes().isEmpty()) {
      List<ServiceVolume> mounts = new ArrayList<>(service.volumes());
      Path dir = project.workingDir() == null ? Path.of("").toAbsolutePath() : project.workingDir();
      for (String v : settings.volumes()) {
        ServiceVolume volume = parse("-v/--volume", v, () -> CommandLineSyntax.volume(v, dir));
        if ("volume".equals(volume.type()) && volume.source() != null && !volumes.containsKey(volume.source())) {
          volumes.put(volume.source(), new VolumeConfig(volume.source(), null, Map.of(), false, Map.of(), Map.of()));
        }
        mounts.add(volume);
      }
      service = ProjectBinder.withAttribute(service, "volumes", mounts);
    }
    if (!settings.labels().isEmpty()) {
      Map<String, String> labels = new LinkedHashMap<>(service.labels());
      labels.putAll(new java.util.TreeMap<>(settings.labels()));
      service = ProjectBinder.withAttribute(service, "labels", labels);
    }
    if (!settings.capAdd().isEmpty()) {
      service = ProjectBinder.withAttribute(service, "cap_add", concat(service.capAdd(), settings.capAdd()));
    }
    if (!settings.capDrop().isEmpty()) {
      service = ProjectBinder.withAttribute(service, "cap_drop", concat(service.capDrop(), settings.capDrop()));
    }
    service = ProjectBinder.withAttribute(service, "tty", settings.tty());
    service = ProjectBinder.withAttribute(service, "stdin_open", settings.interactive());
    Project changed = project.withService(serviceName, service);
    changed = new Project(changed.name(), changed.workingDir(), changed.services(), changed.networks(), volumes,
        changed.secrets(), changed.configs(), changed.models(), changed.extensions());
    return new LoadedProject(changed, loaded.environment(), loaded.files(), loaded.variables(), loaded.allProfiles());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static <T> T parse(String option, String value, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new PlanningException("run " + option + " " + value + ": " + e.getMessage()
          + " — write it as in a compose file (ports: [[IP:]HOST:]CONTAINER[/PROTOCOL], volumes:"
          + " [SOURCE:]TARGET[:ro])");
    }
  }
}
