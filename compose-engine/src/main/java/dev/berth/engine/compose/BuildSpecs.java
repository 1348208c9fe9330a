package dev.berth.engine.compose;

import dev.berth.engine.desired.ImageBuild;
import dev.berth.engine.plan.PlanningException;
import dev.berth.model.project.BuildConfig;
import dev.berth.model.project.Project;
import dev.berth.model.project.Service;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A service's {@code build:} section as a runtime {@link BuildSpec}, as Compose does: the image is named by
 * {@code image:} or {@code <project>-<service>}, {@code build.tags} are extra names, {@code args} without a value
 * are left out, {@code extra_hosts} become {@code host:ip} entries, and an additional context
 * {@code service:NAME} becomes {@code docker-image://} of that service's image.
 */
final class BuildSpecs {
  private BuildSpecs() {}

  static Optional<ImageBuild> of(Project project, String name, Service service) {
    BuildConfig b = service.build();
    if (b == null) {
      return Optional.empty();
    }
    if (b.context() != null && b.context().contains("://")) {
      throw new PlanningException("service " + name + ": build.context " + b.context() + " is a remote context;"
          + " Berth builds from local directories only — clone it and point build.context at the directory");
    }
    Path context = Path.of(b.context() == null ? "." : b.context());
    if (!context.isAbsolute() && project.workingDir() != null) {
      context = project.workingDir().resolve(context);
    }
    BuildSpec.Builder spec = BuildSpec.builder(context.normalize(),
        ImageRef.of(ServiceSpecs.imageName(project, name, service)));
    if (b.dockerfile() != null) {
      spec.dockerfile(b.dockerfile());
    }
    spec.dockerfileInline(b.dockerfileInline());
    b.args().forEach((k, v) -> {
      if (v != null) {
        spec.arg(k, v);
      }
    });
    spec.target(b.target()).labels(b.labels());
    b.tags().forEach(t -> spec.tag(ImageRef.of(t)));
    b.additionalContexts().forEach((k, v) -> spec.additionalContext(k, additionalContext(project, name, k, v)));
    spec.noCache(Boolean.TRUE.equals(b.noCache())).pull(Boolean.TRUE.equals(b.pull())).network(b.network());
    b.extraHosts().forEach((host, ips) -> ips.forEach(ip -> spec.extraHost(host + ":" + ip)));
    spec.shmSize(b.shmSize());
    if (b.platforms().size() > 1) {
      throw new PlanningException("service " + name + ": build.platforms lists " + b.platforms() + "; Berth builds"
          + " one platform per image — keep one");
    }
    b.platforms().stream().findFirst().ifPresent(spec::platform);
    return Optional.of(new ImageBuild(spec.build(), "build".equals(service.pullPolicy())));
  }

  private static String additionalContext(Project project, String service, String key, String value) {
    if (!value.startsWith("service:")) {
      return value;
    }
    String other = value.substring("service:".length());
    Service referenced = project.services().get(other);
    if (referenced == null) {
      throw new PlanningException("service " + service + ": build.additional_contexts." + key + " refers to service "
          + other + ", which the project does not define (" + String.join(", ", project.services().keySet()) + ")");
    }
    return "docker-image://" + ServiceSpecs.imageName(project, other, referenced);
  }

  /** {@code spec} with the command line's overrides of {@code berth build} / {@code up --build}. */
  static BuildSpec withOverrides(BuildSpec spec, BuildOverrides overrides) {
    BuildSpec.Builder b = spec.toBuilder();
    if (overrides.noCache()) {
      b.noCache(true);
    }
    if (overrides.pull()) {
      b.pull(true);
    }
    b.args(overrides.args());
    return b.build();
  }
}
