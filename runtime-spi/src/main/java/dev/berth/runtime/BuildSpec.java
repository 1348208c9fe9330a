package dev.berth.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image to build from a Dockerfile, in container terms.
 *
 * <ul>
 *   <li>{@code context}: the build context directory (absolute);
 *   <li>{@code dockerfile}: the Dockerfile's path relative to the context (default {@code Dockerfile}), ignored when
 *       {@code dockerfileInline} gives the text itself;
 *   <li>{@code args}: build args ({@code --build-arg}); {@code target}: the stage to stop at;
 *   <li>{@code labels}: added to the image config; {@code tags}: names the result gets, the first one is its main
 *       name (at least one);
 *   <li>{@code additionalContexts}: named contexts for {@code COPY --from=NAME} / {@code FROM NAME}: a directory,
 *       {@code docker-image://REF} or {@code target:STAGE};
 *   <li>{@code noCache}: ignore cached steps; {@code pull}: refresh base images from their registry;
 *   <li>{@code network}: network mode of RUN steps ({@code default}, {@code host}, {@code none});
 *       {@code extraHosts}: {@code host:ip} entries for RUN steps; {@code shmSize}: /dev/shm of RUN steps in bytes;
 *   <li>{@code platform}: {@code os/arch} of the result when it is not the host's.
 * </ul>
 */
public record BuildSpec(
    Path context,
    String dockerfile,
    Optional<String> dockerfileInline,
    Map<String, String> args,
    Optional<String> target,
    Map<String, String> labels,
    List<ImageRef> tags,
    Map<String, String> additionalContexts,
    boolean noCache,
    boolean pull,
    Optional<String> network,
    List<String> extraHosts,
    Optional<Long> shmSize,
    Optional<String> platform) {

  public BuildSpec {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(dockerfileInline, "dockerfileInline");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(shmSize, "shmSize");
    Objects.requireNonNull(platform, "platform");
    args = Values.orderedCopy(args);
    labels = Values.orderedCopy(labels);
    tags = List.copyOf(tags);
    additionalContexts = Values.orderedCopy(additionalContexts);
    extraHosts = List.copyOf(extraHosts);
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("a build needs at least one tag (the image name)");
    }
  }

  /** The name the image is built for: the first tag. */
  public ImageRef image() {
    return tags.get(0);
  }

  /** A human description of where the Dockerfile comes from, e.g. {@code /src/web/Dockerfile} or {@code inline}. */
  public String dockerfileSource() {
    return dockerfileInline.isPresent() ? "inline Dockerfile" : context.resolve(dockerfile).toString();
  }

  public static Builder builder(Path context, ImageRef image) {
    return new Builder(context, image);
  }

  public Builder toBuilder() {
    Builder b = new Builder(context, tags.get(0));
    b.dockerfile = dockerfile;
    b.dockerfileInline = dockerfileInline.orElse(null);
    b.args.putAll(args);
    b.target = target.orElse(null);
    b.labels.putAll(labels);
    b.tags.clear();
    b.tags.addAll(tags);
    b.additionalContexts.putAll(additionalContexts);
    b.noCache = noCache;
    b.pull = pull;
    b.network = network.orElse(null);
    b.extraHosts.addAll(extraHosts);
    b.shmSize = shmSize.orElse(null);
    b.platform = platform.orElse(null);
    return b;
  }

  /** Builds a {@link BuildSpec} attribute by attribute. */
  public static final class Builder {
    private final Path context;
    private String dockerfile = "Dockerfile";
    private String dockerfileInline;
    private final Map<String, String> args = new LinkedHashMap<>();
    private String target;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<ImageRef> tags = new ArrayList<>();
    private final Map<String, String> additionalContexts = new LinkedHashMap<>();
    private boolean noCache;
    private boolean pull;
    private String network;
    private final List<String> extraHosts = new ArrayList<>();
    private Long shmSize;
    private String platform;

    private Builder(Path context, ImageRef image) {
      this.context = Objects.requireNonNull(context, "context");
      tags.add(Objects.requireNonNull(image, "image"));
    }

    public Builder dockerfile(String path) {
      dockerfile = Objects.requireNonNull(path, "path");
      return this;
    }

    public Builder dockerfileInline(String text) {
      dockerfileInline = text;
      return this;
    }

    public Builder arg(String name, String value) {
      args.put(name, value);
      return this;
    }

    public Builder args(Map<String, String> values) {
      args.putAll(values);
      return this;
    }

    public Builder target(String stage) {
      target = stage;
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public Builder labels(Map<String, String> values) {
      labels.putAll(values);
      return this;
    }

    /** An extra name for the result (the image name given to {@link BuildSpec#builder} is the first). */
    public Builder tag(ImageRef tag) {
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
      return this;
    }

    public Builder additionalContext(String name, String value) {
      additionalContexts.put(name, value);
      return this;
    }

    public Builder noCache(boolean value) {
      noCache = value;
      return this;
    }

    public Builder pull(boolean value) {
      pull = value;
      return this;
    }

    public Builder network(String mode) {
      network = mode;
      return this;
    }

    public Builder extraHost(String hostColonIp) {
      extraHosts.add(hostColonIp);
      return this;
    }

    public Builder shmSize(Long bytes) {
      shmSize = bytes;
      return this;
    }

    public Builder platform(String value) {
      platform = value;
      return this;
    }

    public BuildSpec build() {
      return new BuildSpec(context, dockerfile, Optional.ofNullable(dockerfileInline), args,
          Optional.ofNullable(target), labels, tags, additionalContexts, noCache, pull, Optional.ofNullable(network),
          extraHosts, Optional.ofNullable(shmSize), Optional.ofNullable(platform));
    }
  }
}
