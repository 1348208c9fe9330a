package dev.berth.engine.compose;

import dev.berth.model.project.FileObjectConfig;
import dev.berth.model.project.FileRef;
import dev.berth.model.project.Project;
import dev.berth.model.project.Service;
import dev.berth.model.project.ServiceVolume;
import dev.berth.model.project.VolumeConfig;
import dev.berth.engine.plan.PlanningException;
import dev.berth.runtime.InjectedFile;
import dev.berth.runtime.Mount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's mounts in declaration order: {@code volumes} (named, anonymous, bind, tmpfs), then {@code secrets}
 * (at {@code /run/secrets/<name>}) and {@code configs} (at {@code /<name>}). As in Compose, a secret or config from a
 * {@code file} is a read-only bind (its {@code uid}/{@code gid}/{@code mode} are not applied); one given by value
 * ({@code environment} or {@code content}) becomes an {@link InjectedFile} with the service's {@code uid}, {@code gid}
 * and {@code mode} (default {@code 0444}, root).
 */
final class MountSpecs {
  private MountSpecs() {}

  static List<Mount> mounts(Project project, Service service) {
    List<Mount> out = new ArrayList<>();
    for (ServiceVolume v : service.volumes()) {
      Mount m = mount(project, v);
      if (m != null) {
        out.add(m);
      }
    }
    fileMounts(service.secrets(), project.secrets(), "secret", out);
    fileMounts(service.configs(), project.configs(), "config", out);
    return out;
  }

  private static Mount mount(Project project, ServiceVolume v) {
    boolean readOnly = Boolean.TRUE.equals(v.readOnly());
    String type = v.type() == null ? "volume" : v.type();
    switch (type) {
      case "bind":
        return new Mount.Bind(v.source(), v.target(), readOnly,
            Optional.ofNullable(v.bind() == null ? null : v.bind().propagation()),
            v.bind() == null || v.bind().createHostPath() == null || v.bind().createHostPath());
      case "tmpfs":
        long size = v.tmpfs() == null || v.tmpfs().size() == null ? 0 : v.tmpfs().size();
        return new Mount.Tmpfs(v.target(), size, tmpfsMode(v));
      case "volume":
        boolean noCopy = v.volume() != null && Boolean.TRUE.equals(v.volume().nocopy());
        Optional<String> subpath = Optional.ofNullable(v.volume() == null ? null : v.volume().subpath())
            .filter(p -> !p.isEmpty());
        if (v.source() == null || v.source().isEmpty()) {
          return new Mount.Volume(Optional.empty(), v.target(), readOnly, noCopy, subpath);
        }
        return new Mount.Volume(Optional.of(volumeName(project, v.source())), v.target(), readOnly, noCopy, subpath);
      default:
        return null;
    }
  }

  private static int tmpfsMode(ServiceVolume v) {
    if (v.tmpfs() == null || v.tmpfs().mode() == null) {
      return 0;
    }
    Object mode = v.tmpfs().mode();
    if (mode instanceof Number n) {
      return n.intValue();
    }
    return Integer.parseInt(mode.toString(), 8);
  }

  /** The runtime name of a top-level volume: its {@code name:}, else {@code <project>_<key>}. */
  static String volumeName(Project project, String key) {
    VolumeConfig config = project.volumes().get(key);
    if (config != null && config.name() != null) {
      return config.name();
    }
    return project.name() + "_" + key;
  }

  private static void fileMounts(List<FileRef> refs, Map<String, FileObjectConfig> defined, String kind,
      List<Mount> out) {
    for (FileRef ref : refs) {
      FileObjectConfig config = defined.get(ref.source());
      if (config == null || Boolean.TRUE.equals(config.external())) {
        continue;
      }
      String target = kind.equals("secret") ? ref.secretPath() : ref.configPath();
      if (config.file() != null) {
        out.add(new Mount.Bind(config.file(), target, true, Optional.empty(), false));
      } else if (config.content() != null) {
        out.add(new InjectedFile(target, config.content(), id(ref.uid(), kind, ref, "uid"),
            id(ref.gid(), kind, ref, "gid"), mode(ref, kind)));
      } else if (config.environment() != null) {
        throw new PlanningException(kind + " " + ref.source() + ": environment variable " + config.environment()
            + " is not set (" + kind + "s." + ref.source() + ".environment); set it in the environment or in .env,"
            + " or give the value with file: or content:");
      }
    }
  }

  private static int id(String value, String kind, FileRef ref, String field) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new PlanningException("service " + kind + " " + ref.source() + ": " + field + " must be a numeric id,"
          + " was '" + value + "'; write the number (e.g. " + field + ": \"1000\")");
    }
  }

  private static int mode(FileRef ref, String kind) {
    Object mode = ref.mode();
    if (mode == null) {
      return InjectedFile.DEFAULT_MODE;
    }
    if (mode instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(mode.toString(), 8);
    } catch (NumberFormatException e) {
      throw new PlanningException("service " + kind + " " + ref.source() + ": mode must be octal, was '" + mode
          + "'; write e.g. mode: 0440");
    }
  }
}
