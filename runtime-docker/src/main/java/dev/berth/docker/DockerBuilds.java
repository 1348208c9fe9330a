package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.AuthConfigurations;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.BuildEvent;
import dev.berth.runtime.BuildFailedException;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds through the Engine API's {@code /build} (the classic builder): the context is sent as a tar that honours
 * {@code .dockerignore}, the streamed {@code Step n/m : ...} lines become {@link BuildEvent}s, and the daemon's
 * errors become {@link BuildFailedException}s with the Dockerfile line when the message names one. Named additional
 * contexts go to a Berth engine through its documented extension ({@link BerthContextBuilds}); for a plain Docker
 * Engine's classic builder, local ones used by {@code COPY --from} are folded into the context
 * ({@link NamedContextFolding}) and any other use is refused before anything is sent. A Berth engine that takes it
 * is given the context's directory instead of its archive ({@link BerthContextBuilds#buildInPlace}).
 */
final class DockerBuilds {
  private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) : (.*)$");
  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  private final DockerClient client;
  private final BerthContextBuilds berthEngine;

  /** @param berthEngine the extension when the engine is a Berth engine, else null */
  DockerBuilds(DockerClient client, BerthContextBuilds berthEngine) {
    this.client = client;
    this.berthEngine = berthEngine;
  }

  ImageRef build(BuildSpec spec, BuildCredentials credentials, Consumer<BuildEvent> progress) {
    String image = spec.image().value();
    if (!Files.isDirectory(spec.context())) {
      throw new BuildFailedException(image, spec.dockerfileSource(), OptionalInt.empty(), "build context "
          + spec.context() + " is not a directory", "set build.context to an existing directory");
    }
    if (spec.dockerfileInline().isEmpty() && !Files.isRegularFile(spec.context().resolve(spec.dockerfile()))) {
      throw new BuildFailedException(image, spec.dockerfileSource(), OptionalInt.empty(), "no Dockerfile at "
          + spec.context().resolve(spec.dockerfile()), "set build.dockerfile or add the file");
    }
    if (berthEngine != null && berthEngine.buildsInPlace(spec)) {
      Progress callback = new Progress(progress);
      if (berthEngine.buildInPlace(spec, credentials, callback)) {
        return finish(callback, spec, progress);
      }
    }
    boolean namedContexts = !spec.additionalContexts().isEmpty();
    NamedContextFolding.Folded folded = namedContexts && berthEngine == null ? folded(spec) : null;
    Path tar = null;
    try {
      tar = Files.createTempFile("berth-build-context", ".tar");
      try (OutputStream out = Files.newOutputStream(tar)) {
        if (folded != null) {
          BuildContextArchive.write(spec.context(), spec.dockerfile(), folded.dockerfile(), folded.extras(), out);
        } else {
          BuildContextArchive.write(spec.context(), spec.dockerfile(), spec.dockerfileInline().orElse(null),
              List.of(), out);
        }
      }
      try (InputStream in = Files.newInputStream(tar)) {
        if (namedContexts && folded == null) {
          Progress callback = new Progress(progress);
          berthEngine.build(spec, credentials, in, callback);
          return finish(callback, spec, progress);
        }
        return run(command(spec, credentials, in, folded != null), spec, progress);
      }
    } catch (IOException e) {
      throw new BuildFailedException(image, spec.dockerfileSource(), OptionalInt.empty(),
          "cannot archive the build context " + spec.context() + ": " + e.getMessage(), "check its permissions");
    } finally {
      deleteQuietly(tar);
    }
  }

  /** The build with its named local contexts folded into the main context, for the classic builder. */
  private static NamedContextFolding.Folded folded(BuildSpec spec) {
    String image = spec.image().value();
    try {
      String dockerfile = spec.dockerfileInline().isPresent() ? spec.dockerfileInline().get()
          : Files.readString(spec.context().resolve(spec.dockerfile()));
      return NamedContextFolding.fold(dockerfile, spec.context(), spec.additionalContexts());
    } catch (NamedContextFolding.NotFoldable e) {
      throw new UnsupportedOperationRuntimeException("build image", image, "build.additional_contexts ("
          + String.join(", ", spec.additionalContexts().keySet()) + "): " + e.getMessage() + "; the Docker runtime"
          + " drives the classic builder, which gets named contexts only as COPY --from=NAME of a local directory;"
          + " build with the embedded engine (--runtime embedded), or copy those files into the build context");
    } catch (IOException e) {
      throw new BuildFailedException(image, spec.dockerfileSource(), OptionalInt.empty(), "cannot read "
          + spec.dockerfileSource() + ": " + e.getMessage(), "check its permissions");
    }
  }

  private BuildImageCmd command(BuildSpec spec, BuildCredentials credentials, InputStream tar,
      boolean inlineDockerfile) {
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    spec.tags().forEach(t -> tags.add(t.value()));
    BuildImageCmd cmd = client.buildImageCmd(tar).withTags(tags).withNoCache(spec.noCache()).withPull(spec.pull())
        .withRemove(true).withForcerm(true)
        .withDockerfilePath(inlineDockerfile || spec.dockerfileInline().isPresent() ? BuildContextArchive.INLINE_DOCKERFILE
            : Path.of(spec.dockerfile()).normalize().toString());
    AuthConfigurations logins = BuildAuthConfigs.of(credentials);
    if (logins != null) {
      cmd.withBuildAuthConfigs(logins);
    }
    spec.args().forEach(cmd::withBuildArg);
    if (!spec.labels().isEmpty()) {
      cmd.withLabels(spec.labels());
    }
    spec.target().ifPresent(cmd::withTarget);
    spec.network().ifPresent(cmd::withNetworkMode);
    spec.shmSize().ifPresent(cmd::withShmsize);
    spec.platform().ifPresent(cmd::withPlatform);
    if (!spec.extraHosts().isEmpty()) {
      cmd.withExtraHosts(new LinkedHashSet<>(spec.extraHosts()));
    }
    return cmd;
  }

  private ImageRef run(BuildImageCmd cmd, BuildSpec spec, Consumer<BuildEvent> progress) {
    Progress callback = new Progress(progress);
    try {
      cmd.exec(callback).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildFailedException(spec.image().value(), spec.dockerfileSource(), OptionalInt.empty(),
          "interrupted", "run the build again");
    } catch (RuntimeException e) {
      throw failure(spec, DockerErrors.rootMessage(e), e);
    }
    return finish(callback, spec, progress);
  }

  private ImageRef finish(Progress callback, BuildSpec spec, Consumer<BuildEvent> progress) {
    if (callback.error != null) {
      throw failure(spec, callback.error, null);
    }
    String id = callback.imageId != null ? callback.imageId
        : client.inspectImageCmd(spec.image().value()).exec().getId();
    progress.accept(BuildEvent.image(id));
    return ImageRef.of(id);
  }

  static BuildFailedException failure(BuildSpec spec, String message, Throwable cause) {
    Matcher m = LINE.matcher(message);
    OptionalInt line = m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    return new BuildFailedException(spec.image().value(), spec.dockerfileSource(), line, message.trim(),
        "fix the Dockerfile or the build inputs", cause);
  }

  /** Turns the daemon's JSON stream into events; remembers the error and the image id. */
  static final class Progress extends ResultCallback.Adapter<BuildResponseItem> {
    private final Consumer<BuildEvent> events;
    private final StringBuilder partial = new StringBuilder();
    private int step;
    private int steps;
    private String instruction = "";
    private volatile String error;
    private volatile String imageId;

    Progress(Consumer<BuildEvent> events) {
      this.events = events;
    }

    @Override
    public void onNext(BuildResponseItem item) {
      if (item.isErrorIndicated()) {
        error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage() : item.getError();
        return;
      }
      if (item.isBuildSuccessIndicated() && item.getImageId() != null && item.getImageId().length() >= 64) {
        imageId = item.getImageId().startsWith("sha256:") ? item.getImageId() : "sha256:" + item.getImageId();
      }
      if (item.getStream() != null) {
        partial.append(item.getStream());
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          line(partial.substring(0, nl));
          partial.delete(0, nl + 1);
        }
      }
    }

    private void line(String line) {
      Matcher m = STEP.matcher(line);
      if (m.matches()) {
        step = Integer.parseInt(m.group(1));
        steps = Integer.parseInt(m.group(2));
        instruction = m.group(3);
        events.accept(BuildEvent.step(step, steps, instruction));
      } else if (line.trim().equals("---> Using cache")) {
        events.accept(BuildEvent.cached(step, steps, instruction));
      } else if (line.startsWith(" ---> ") || line.startsWith("Removing intermediate container")
          || line.startsWith("Successfully built") || line.startsWith("Successfully tagged") || line.isBlank()) {
        return;
      } else {
        events.accept(BuildEvent.output(line.stripTrailing()));
      }
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temporary file; the OS cleans it up
    }
  }
}
