package dev.berth.engine.plan;

import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.desired.ImageBuild;
import dev.berth.engine.plan.Operation.BuildImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans the image builds of {@code up} and {@code build}: one step per image (services sharing an image build it
 * once, from the first such service with a {@code build:} section), when the {@link BuildPolicy} and the service
 * ask for it: {@code --build}, {@code pull_policy: build}, or a missing image. A build that uses another service's
 * image ({@code additional_contexts: {x: "docker-image://..."}}) waits for that image's build. Records in
 * {@link PlanContext#imageReady} after which step each built image exists.
 */
final class BuildReconciler {
  private final PlanContext ctx;
  private final Map<String, List<DesiredService>> byImage = new TreeMap<>();
  private final Set<String> visiting = new HashSet<>();

  private BuildReconciler(PlanContext ctx) {
    this.ctx = ctx;
    for (DesiredService s : ctx.desired.services()) {
      if (ctx.scope.contains(s.name())) {
        byImage.computeIfAbsent(image(s), k -> new ArrayList<>()).add(s);
      }
    }
  }

  static void reconcile(PlanContext ctx) {
    BuildReconciler r = new BuildReconciler(ctx);
    for (String image : r.byImage.keySet()) {
      r.plan(image);
    }
  }

  private static String image(DesiredService s) {
    return s.template().image().value();
  }

  /** Plans the build of {@code image} when needed (once); returns its step. */
  private Optional<Integer> plan(String image) {
    if (ctx.imageReady.containsKey(image)) {
      return Optional.of(ctx.imageReady.get(image));
    }
    List<DesiredService> users = byImage.getOrDefault(image, List.of());
    Optional<DesiredService> builder = users.stream().filter(s -> s.build().isPresent()).findFirst();
    if (builder.isEmpty() || !visiting.add(image)) {
      return Optional.empty();
    }
    ImageBuild build = builder.get().build().get();
    boolean missing = users.stream().allMatch(s -> s.imageDigest().isEmpty());
    Optional<String> cause = cause(builder.get().name(), image, build, missing);
    if (cause.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> after = new ArrayList<>();
    Optional.ofNullable(ctx.pullReady.get(image)).ifPresent(after::add);
    for (String context : build.spec().additionalContexts().values()) {
      if (context.startsWith("docker-image://")) {
        plan(context.substring("docker-image://".length())).ifPresent(after::add);
      }
    }
    List<String> services = users.stream().map(DesiredService::name).sorted().toList();
    int step = ctx.plan.add(new BuildImage(build.spec(), services), cause.get(), after);
    ctx.imageReady.put(image, step);
    for (String other : ctx.imageDifferences(users)) {
      ctx.plan.warn(other);
    }
    return Optional.of(step);
  }

  private Optional<String> cause(String service, String image, ImageBuild build, boolean missing) {
    switch (ctx.options.build()) {
      case ALWAYS:
        return Optional.of("--build");
      case NEVER:
        if (missing) {
          throw new PlanningException("image " + image + " of service " + service + " is missing and --no-build"
              + " forbids building it; run `berth build " + service + "` first, or drop --no-build");
        }
        return Optional.empty();
      default:
        if (build.always()) {
          return Optional.of("pull_policy: build");
        }
        return missing ? Optional.of("image " + image + " is missing") : Optional.empty();
    }
  }
}
