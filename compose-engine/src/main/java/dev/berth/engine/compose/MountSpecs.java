package dev.berth.engine.compose;

import dev.berth.model.project.FileObjectConfig;
import dev.berth.model.project.FileRef;
import dev.berth.model.project.Project;
import dev.berth.model.project.Service;
import dev.berth.model.project.ServiceVolume;
import dev.berth.model.project.VolumeConfig;
import dev.berth.runtime.Mount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's mounts in declaration order: {@code volumes} (named, anonymous, bind, tmpfs), then file-based
 * {@code secrets} (read-only binds at {@code /run/secrets/<name>}) and {@code configs} (at {@code /<name>}).
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
    fileMounts(service.secrets(), project.secrets(), "/run/secrets/", out);
    fileMounts(service.configs(), project.configs(), "/", out);
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
        if (v.source() == null || v.source().isEmpty()) {
          return new Mount.Volume(Optional.empty(), v.target(), readOnly, noCopy);
        }
        return new Mount.Volume(Optional.of(volumeName(project, v.source())), v.target(), readOnly, noCopy);
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

  private static void fileMounts(List<FileRef> refs, Map<String, FileObjectConfig> defined, String root,
      List<Mount> out) {
    for (FileRef ref : refs) {
      FileObjectConfig config = defined.get(ref.source());
      if (config == null || config.file() == null) {
        continue;
      }
      String target = ref.target() == null ? root + ref.source()
          : ref.target().startsWith("/") ? ref.target() : root + ref.target();
      out.add(new Mount.Bind(config.file(), target, true, Optional.empty(), false));
    }
  }
}
