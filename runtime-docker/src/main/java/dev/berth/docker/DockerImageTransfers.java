package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.berth.runtime.ImageName;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.InvalidImageReferenceException;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PullEvent;
import dev.berth.runtime.PushEvent;
import dev.berth.runtime.RegistryAccessException;
import dev.berth.runtime.RegistryCredentials;
import dev.berth.runtime.RuntimeOperationException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pulls and pushes through the Docker engine: its JSON progress stream becomes SPI events as it arrives, its error
 * detail a {@link NotFoundException} or {@link RegistryAccessException} naming the registry. Credentials go to the
 * engine as {@code X-Registry-Auth}: the ones the caller gives, else those of the Docker client configuration
 * ({@code DOCKER_CONFIG} or {@code ~/.docker/config.json}), as the docker CLI sends them.
 */
final class DockerImageTransfers {
  private final DockerClient client;

  DockerImageTransfers(DockerClient client) {
    this.client = client;
  }

  void pull(ImageRef image, Optional<String> platform, Optional<RegistryCredentials> credentials,
      Consumer<PullEvent> events) {
    ImageName name = parse("pull image", image);
    var command = client.pullImageCmd(name.canonicalName());
    if (name.digest() != null) {
      command.withTag(name.digest());
    } else {
      command.withTag(name.tag());
    }
    platform.ifPresent(command::withPlatform);
    auth(name, credentials).ifPresent(command::withAuthConfig);
    PullStream stream = new PullStream(image, events);
    try {
      command.exec(stream).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeOperationException("pull image", image.value(), "interrupted", e);
    } catch (RuntimeException e) {
      throw failure("pull image", image, name, e.getMessage(), e);
    }
    stream.error().ifPresent(message -> {
      throw failure("pull image", image, name, message, null);
    });
    events.accept(new PullEvent(image, stream.digest, stream.upToDate ? PullEvent.Status.UP_TO_DATE
        : PullEvent.Status.PULLED, 0, 0));
  }

  void push(ImageRef image, Optional<RegistryCredentials> credentials, Consumer<PushEvent> events) {
    ImageName name = parse("push image", image);
    var command = client.pushImageCmd(name.familiarName()).withTag(name.tag());
    auth(name, credentials).ifPresent(command::withAuthConfig);
    PushStream stream = new PushStream(image, events);
    try {
      command.exec(stream).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeOperationException("push image", image.value(), "interrupted", e);
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (message.contains("No such image") || message.contains("does not exist locally")) {
        throw new NotFoundException("push image", image.value(), "no local image is tagged " + image.value());
      }
      throw failure("push image", image, name, message, e);
    }
    stream.error().ifPresent(message -> {
      if (message.contains("does not exist locally") || message.contains("No such image")) {
        throw new NotFoundException("push image", image.value(), "no local image is tagged " + image.value());
      }
      throw failure("push image", image, name, message, null);
    });
    events.accept(new PushEvent(image, stream.digest, PushEvent.Status.PUSHED, 0, 0));
  }

  private static PullEvent.Status layerStatus(String status) {
    return switch (status) {
      case "Already exists" -> PullEvent.Status.ALREADY_EXISTS;
      case "Downloading" -> PullEvent.Status.DOWNLOADING;
      case "Download complete" -> PullEvent.Status.DOWNLOADED;
      case "Pull complete" -> PullEvent.Status.EXTRACTED;
      default -> null;
    };
  }

  private static PushEvent.Status pushStatus(String status) {
    if (status.startsWith("Mounted from")) {
      return PushEvent.Status.MOUNTED;
    }
    return switch (status) {
      case "Layer already exists" -> PushEvent.Status.ALREADY_EXISTS;
      case "Pushing" -> PushEvent.Status.UPLOADING;
      case "Pushed" -> PushEvent.Status.UPLOADED;
      case "Skipped foreign layer" -> PushEvent.Status.SKIPPED;
      default -> null;
    };
  }

  /** The caller's credentials, else those the Docker client configuration has for the image's registry. */
  static Optional<AuthConfig> auth(ImageName name, Optional<RegistryCredentials> credentials) {
    if (credentials.isPresent()) {
      RegistryCredentials c = credentials.get();
      AuthConfig config = new AuthConfig().withRegistryAddress(BuildAuthConfigs.serverAddress(name.registry()));
      return Optional.of(c.identityToken().map(config::withIdentityToken)
          .orElseGet(() -> config.withUsername(c.username()).withPassword(c.password())));
    }
    try {
      AuthConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build()
          .effectiveAuthConfig(name.canonical());
      return Optional.ofNullable(config).filter(c -> c.getUsername() != null || c.getIdentitytoken() != null
          || c.getAuth() != null);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static RuntimeOperationException failure(String operation, ImageRef image, ImageName name, String message,
      Throwable cause) {
    String text = message == null ? "the engine reported an error" : message.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("not found") || lower.contains("manifest unknown")) {
      return new NotFoundException(operation, image.value(), "registry " + name.registry() + ": " + text);
    }
    if (cause instanceof com.github.dockerjava.api.exception.UnauthorizedException
        || lower.contains("unauthorized") || lower.contains("authentication required") || lower.contains("denied")
        || lower.contains("requires authentication") || lower.contains("refused the credentials")) {
      return new RegistryAccessException(operation, image.value(), name.registry(),
          RegistryAccessException.Reason.UNAUTHORIZED, "registry " + name.registry() + " refused access (" + text
          + "): run `berth login " + name.registry() + "`", cause);
    }
    boolean unreachable = lower.contains("connection refused") || lower.contains("dial tcp")
        || lower.contains("no such host") || lower.contains("timeout");
    return new RegistryAccessException(operation, image.value(), name.registry(),
        unreachable ? RegistryAccessException.Reason.UNREACHABLE : RegistryAccessException.Reason.REFUSED,
        (unreachable ? "cannot reach registry " : "registry ") + name.registry() + ": " + text, cause);
  }

  private static ImageName parse(String operation, ImageRef image) {
    try {
      return image.parse();
    } catch (InvalidImageReferenceException e) {
      throw new RuntimeOperationException(operation, image.value(), e.getMessage(), e);
    }
  }

  /** Keeps the first error detail of a progress stream. */
  private abstract static class ProgressStream<T extends ResponseItem> extends ResultCallback.Adapter<T> {
    private volatile String error;

    @Override
    public void onNext(T item) {
      if (error == null && item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
        error = item.getErrorDetail().getMessage();
      } else if (error == null && item.getError() != null) {
        error = item.getError();
      }
      String status = item.getStatus() == null ? "" : item.getStatus();
      long current = item.getProgressDetail() == null || item.getProgressDetail().getCurrent() == null ? 0
          : item.getProgressDetail().getCurrent();
      long total = item.getProgressDetail() == null || item.getProgressDetail().getTotal() == null ? 0
          : item.getProgressDetail().getTotal();
      status(status, item.getId(), current, total);
    }

    /** One message of the stream, passed on as it arrives. */
    abstract void status(String status, String id, long current, long total);

    Optional<String> error() {
      return Optional.ofNullable(error);
    }
  }

  /** A pull's stream: layer events as they come, the digest and whether the image was up to date. */
  private static final class PullStream extends ProgressStream<PullResponseItem> {
    private final ImageRef image;
    private final Consumer<PullEvent> events;
    volatile String digest = "";
    volatile boolean upToDate;

    PullStream(ImageRef image, Consumer<PullEvent> events) {
      this.image = image;
      this.events = events;
    }

    @Override
    void status(String status, String id, long current, long total) {
      if (status.startsWith("Digest: ")) {
        digest = status.substring("Digest: ".length()).strip();
      } else if (status.startsWith("Status: Image is up to date")) {
        upToDate = true;
      } else if (id != null && !id.isEmpty() && layerStatus(status) != null) {
        events.accept(new PullEvent(image, id, layerStatus(status), current, total));
      }
    }
  }

  /** A push's stream: layer events as they come and the pushed manifest's digest. */
  private static final class PushStream extends ProgressStream<PushResponseItem> {
    private final ImageRef image;
    private final Consumer<PushEvent> events;
    volatile String digest = "";

    PushStream(ImageRef image, Consumer<PushEvent> events) {
      this.image = image;
      this.events = events;
    }

    @Override
    void status(String status, String id, long current, long total) {
      if (status.contains("digest: ")) {
        digest = status.substring(status.indexOf("digest: ") + 8).split(" ")[0];
      } else if (id != null && pushStatus(status) != null) {
        events.accept(new PushEvent(image, id, pushStatus(status), current, total));
      }
    }
  }
}
