package dev.berth.embedded.spi;

import dev.berth.embedded.distribution.ImagePuller;
import dev.berth.embedded.distribution.ImagePusher;
import dev.berth.embedded.distribution.PullHistory;
import dev.berth.embedded.distribution.PullResult;
import dev.berth.embedded.distribution.PushResult;
import dev.berth.embedded.distribution.TransferProgress;
import dev.berth.embedded.image.ImageNotFoundException;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.ImageStoreException;
import dev.berth.embedded.image.Platform;
import dev.berth.embedded.registry.RegistryClient;
import dev.berth.embedded.registry.RegistryException;
import dev.berth.embedded.registry.auth.Credentials;
import dev.berth.runtime.ImageName;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.InvalidImageReferenceException;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PullEvent;
import dev.berth.runtime.PushEvent;
import dev.berth.runtime.RegistryAccessException;
import dev.berth.runtime.RegistryCredentials;
import dev.berth.runtime.RuntimeOperationException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded runtime's pulls and pushes: the engine's registry client and image store behind the SPI's events and
 * exceptions. The platform is the requested one, else {@code DOCKER_DEFAULT_PLATFORM}, else the host's.
 */
final class RegistryTransfers implements AutoCloseable {
    private final ImagePuller puller;
    private final ImagePusher pusher;
    private final Optional<String> defaultPlatform;
    private final PullHistory history;
    private final java.time.Clock clock;

    RegistryTransfers(RegistryClient client, ImageStore store, Optional<String> defaultPlatform, PullHistory history,
                      java.time.Clock clock) {
        this.history = history;
        this.clock = clock;
        this.puller = new ImagePuller(client, store);
        this.pusher = new ImagePusher(client, store);
        this.defaultPlatform = defaultPlatform.filter(p -> !p.isBlank());
    }

    void pull(ImageRef image, Optional<String> platform, Optional<RegistryCredentials> credentials,
              Consumer<PullEvent> events) {
        ImageName name = parse("pull image", image);
        Platform target;
        try {
            target = platform.or(() -> defaultPlatform).map(Platform::parse).orElseGet(Platform::host);
        } catch (IllegalArgumentException e) {
            throw new RuntimeOperationException("pull image", image.value(), e.getMessage());
        }
        PullResult result = translate("pull image", image, () -> puller.pull(name, target,
                credentials.map(RegistryTransfers::credentials), progress -> events.accept(pullEvent(image, progress))));
        history.record(name.familiar(), clock.instant());
        events.accept(new PullEvent(image, result.manifestDigest().toString(),
                result.downloaded() ? PullEvent.Status.PULLED : PullEvent.Status.UP_TO_DATE, 0, 0));
    }

    Optional<java.time.Instant> lastPulled(ImageRef image) {
        return ImageName.isValid(image.value()) ? history.lastPulled(image.parse().familiar()) : Optional.empty();
    }

    void push(ImageRef image, Optional<RegistryCredentials> credentials, Consumer<PushEvent> events) {
        ImageName name = parse("push image", image);
        PushResult result = translate("push image", image, () -> pusher.push(name,
                credentials.map(RegistryTransfers::credentials), progress -> events.accept(pushEvent(image, progress))));
        events.accept(new PushEvent(image, result.manifestDigest().toString(), PushEvent.Status.PUSHED, 0, 0));
    }

    /** The SPI's credentials in the registry client's terms (an identity token under Docker's {@code <token>}). */
    static Credentials credentials(RegistryCredentials given) {
        return given.identityToken().map(t -> new Credentials(Credentials.IDENTITY_TOKEN_USER, t))
                .orElseGet(() -> new Credentials(given.username(), given.password()));
    }

    private static ImageName parse(String operation, ImageRef image) {
        try {
            return image.parse();
        } catch (InvalidImageReferenceException e) {
            throw new RuntimeOperationException(operation, image.value(), e.getMessage(), e);
        }
    }

    private static <T> T translate(String operation, ImageRef image, java.util.function.Supplier<T> transfer) {
        try {
            return transfer.get();
        } catch (ImageNotFoundException e) {
            throw new NotFoundException(operation, image.value(), e.getMessage());
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                throw new NotFoundException(operation, image.value(), e.getMessage());
            }
            throw new RegistryAccessException(operation, image.value(), e.registry(), reason(e.kind()), e.getMessage(), e);
        } catch (ImageStoreException | java.io.UncheckedIOException e) {
            throw new RuntimeOperationException(operation, image.value(), e.getMessage(), e);
        }
    }

    private static RegistryAccessException.Reason reason(RegistryException.Kind kind) {
        return switch (kind) {
            case UNREACHABLE -> RegistryAccessException.Reason.UNREACHABLE;
            case UNAUTHORIZED -> RegistryAccessException.Reason.UNAUTHORIZED;
            case DIGEST_MISMATCH -> RegistryAccessException.Reason.CORRUPT;
            case PROTOCOL, NOT_FOUND -> RegistryAccessException.Reason.REFUSED;
        };
    }

    private static PullEvent pullEvent(ImageRef image, TransferProgress p) {
        PullEvent.Status status = switch (p.stage()) {
            case EXISTS -> PullEvent.Status.ALREADY_EXISTS;
            case TRANSFERRING -> PullEvent.Status.DOWNLOADING;
            case DONE, MOUNTED, NOT_DISTRIBUTABLE -> PullEvent.Status.DOWNLOADED;
            case UNPACKED -> PullEvent.Status.EXTRACTED;
        };
        return new PullEvent(image, p.blob(), status, p.current(), p.total());
    }

    private static PushEvent pushEvent(ImageRef image, TransferProgress p) {
        PushEvent.Status status = switch (p.stage()) {
            case EXISTS -> PushEvent.Status.ALREADY_EXISTS;
            case TRANSFERRING -> PushEvent.Status.UPLOADING;
            case DONE -> PushEvent.Status.UPLOADED;
            case MOUNTED -> PushEvent.Status.MOUNTED;
            case NOT_DISTRIBUTABLE -> PushEvent.Status.SKIPPED;
            case UNPACKED -> throw new IllegalStateException("a push unpacks no layer");
        };
        return new PushEvent(image, p.blob(), status, p.current(), p.total());
    }

    @Override
    public void close() {
        puller.close();
        pusher.close();
    }
}
