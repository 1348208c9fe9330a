package dev.berth.embedded.spi;

import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.build.BuildRequest;
import dev.berth.embedded.build.DockerfileException;
import dev.berth.embedded.build.ImageBuilder;
import dev.berth.embedded.image.Platform;
import dev.berth.runtime.BuildEvent;
import dev.berth.runtime.BuildFailedException;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.nio.file.Files;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@link BuildSpec} builds on the embedded engine's {@link ImageBuilder}: the spec becomes a {@link BuildRequest},
 * the builder's events become SPI {@link BuildEvent}s and its {@link DockerfileException}s
 * {@link BuildFailedException}s with the Dockerfile line. Images the Dockerfile names that the store lacks are pulled
 * from their registries (all of them with {@code pull}), with the build's credentials. The builder is created on
 * first use.
 */
final class SpecBuilds {
  private final EmbeddedEngine engine;
  private final EngineOptions options;
  private final RegistryTransfers transfers;
  private volatile ImageBuilder builder;

  SpecBuilds(EmbeddedEngine engine, EngineOptions options, RegistryTransfers transfers) {
    this.engine = engine;
    this.options = options;
    this.transfers = transfers;
  }

  ImageRef build(BuildSpec spec, dev.berth.runtime.BuildCredentials credentials,
      Consumer<BuildEvent> progress) {
    String image = spec.image().value();
    String host = "linux/" + Platform.host().architecture();
    if (spec.platform().isPresent() && !spec.platform().get().equals(host)) {
      throw new UnsupportedOperationRuntimeException("build image", image, "platform " + spec.platform().get()
          + " is not this host's (" + host + "); the embedded engine builds for the host only — drop build.platforms"
          + " or build on a Docker Engine with --runtime docker");
    }
    if (!Files.isDirectory(spec.context())) {
      throw new BuildFailedException(image, spec.dockerfileSource(), OptionalInt.empty(), "build context "
          + spec.context() + " is not a directory", "set build.context to an existing directory");
    }
    try {
      var result = builder().build(request(spec), new RegistryBaseImages(transfers, credentials),
          e -> translate(e).ifPresent(progress));
      return ImageRef.of(result.imageId());
    } catch (DockerfileException e) {
      throw new BuildFailedException(image, spec.dockerfileSource(),
          e.line() > 0 ? OptionalInt.of(e.line()) : OptionalInt.empty(), e.problem(), e.hint(), e);
    }
  }

  private ImageBuilder builder() {
    if (builder == null) {
      synchronized (this) {
        if (builder == null) {
          builder = new ImageBuilder(engine, options);
        }
      }
    }
    return builder;
  }

  static BuildRequest request(BuildSpec spec) {
    BuildRequest.Builder b = BuildRequest.builder(spec.context().toAbsolutePath())
        .dockerfile(spec.dockerfile()).noCache(spec.noCache()).pull(spec.pull());
    spec.dockerfileInline().ifPresent(b::dockerfileText);
    spec.args().forEach(b::buildArg);
    spec.target().ifPresent(b::target);
    spec.labels().forEach(b::label);
    spec.tags().forEach(t -> b.tag(t.value()));
    spec.additionalContexts().forEach(b::additionalContext);
    spec.network().ifPresent(b::network);
    spec.extraHosts().forEach(b::extraHost);
    spec.shmSize().ifPresent(b::shmSize);
    return b.build();
  }

  private static java.util.Optional<BuildEvent> translate(dev.berth.embedded.build.BuildEvent e) {
    return java.util.Optional.ofNullable(switch (e.kind()) {
      case STEP -> BuildEvent.step(e.step(), e.steps(), step(e));
      case CACHED -> BuildEvent.cached(e.step(), e.steps(), step(e));
      case OUTPUT -> BuildEvent.output(e.detail() == null ? "" : e.detail());
      case WARNING -> BuildEvent.warning(e.detail() == null ? "" : e.detail());
      case IMAGE -> BuildEvent.image(e.detail());
      case STAGE, DONE -> null;
    });
  }

  private static String step(dev.berth.embedded.build.BuildEvent e) {
    return (e.stage() == null ? "" : "[" + e.stage() + "] ") + (e.instruction() == null ? "" : e.instruction());
  }
}
