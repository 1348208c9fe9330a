package dev.berth.daemon.api;

import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.RegistryAuthHeaders;
import dev.berth.runtime.ImageName;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PullEvent;
import dev.berth.runtime.PushEvent;
import dev.berth.runtime.RegistryAccessException;
import dev.berth.runtime.RegistryCredentials;
import dev.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.util.Optional;

/**
 * Pull ({@code POST /images/create?fromImage=&tag=&platform=}) and push ({@code POST /images/{name}/push?tag=})
 * through the engine's registry client, answered as dockerd's JSON progress stream. A failure before any progress
 * is an HTTP error (404 for a missing image or tag, 401 for refused credentials, 500 otherwise); a later one ends
 * the stream with dockerd's {@code errorDetail} message. Credentials sent as {@code X-Registry-Auth} are used for
 * the image's registry ahead of the engine's own (the Docker {@code config.json} of the user running it, as
 * {@code berth login} writes it). An unreadable header is ignored, as dockerd does.
 */
final class ImageTransfersHandler {
    private final EngineBacking backing;

    ImageTransfersHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("POST", "/images/create", this::pull)
                .on("POST", "/images/{*}/push", this::push);
    }

    private void pull(ApiCall call) throws IOException {
        if (call.param("fromSrc").isPresent()) {
            throw new ApiException(501, "importing a root filesystem (fromSrc) is not supported by the berth engine;"
                    + " build an image with a Dockerfile instead");
        }
        String from = call.param("fromImage").filter(f -> !f.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("fromImage: the image to pull is missing"));
        ImageName name = reference(from, call.param("tag"));
        ImageRef ref = ImageRef.of(name.familiar());
        Optional<String> platform = call.param("platform").filter(p -> !p.isEmpty());
        Optional<RegistryCredentials> credentials = credentials(call);
        try (JsonProgress progress = new JsonProgress(call)) {
            try {
                backing.runtime().pullImage(ref, platform, credentials, event -> report(progress, name, event));
            } catch (RuntimeOperationException e) {
                fail(progress, "manifest for " + name.familiar(), e);
                return;
            }
        }
        backing.publish().image("pull", name.familiar());
    }

    private void push(ApiCall call) throws IOException {
        String tag = call.param("tag").filter(t -> !t.isEmpty()).orElse("latest");
        ImageName name = reference(call.path(0), Optional.of(tag));
        ImageRef ref = ImageRef.of(name.familiar());
        Optional<RegistryCredentials> credentials = credentials(call);
        try (JsonProgress progress = new JsonProgress(call)) {
            try {
                backing.runtime().pushImage(ref, credentials, event -> report(progress, name, event));
            } catch (RuntimeOperationException e) {
                fail(progress, "An image tagged " + name.familiar(), e);
                return;
            }
        }
        backing.publish().image("push", name.familiar());
    }

    /**
     * The call's {@code X-Registry-Auth}; an unreadable one (docker-java sends {@code null} when it has no login) is
     * ignored, as dockerd does for compatibility.
     */
    private static Optional<RegistryCredentials> credentials(ApiCall call) {
        try {
            return RegistryAuthHeaders.auth(call.request().header("X-Registry-Auth"));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** The reference {@code from} names, with {@code tag} (a tag or a digest) replacing its tag when given. */
    static ImageName reference(String from, Optional<String> tag) {
        ImageName name = ImageName.parse(from);
        return tag.filter(t -> !t.isEmpty())
                .map(t -> t.contains(":") ? new ImageName(name.registry(), name.repository(), null, t) : name.withTag(t))
                .orElse(name);
    }

    private static void report(JsonProgress progress, ImageName name, PullEvent event) {
        if (!progress.started()) {
            progress.status("Pulling from " + name.repository(), name.digestOptional().orElse(name.tag()));
        }
        String layer = shortId(event.id());
        switch (event.status()) {
            case ALREADY_EXISTS -> progress.status("Already exists", layer);
            case DOWNLOADING -> progress.progress("Downloading", layer, event.current(), event.total());
            case DOWNLOADED -> progress.status("Download complete", layer);
            case EXTRACTED -> progress.status("Pull complete", layer);
            case PULLED, UP_TO_DATE -> {
                if (!event.id().isEmpty()) {
                    progress.status("Digest: " + event.id());
                }
                progress.status(event.status() == PullEvent.Status.PULLED
                        ? "Status: Downloaded newer image for " + name.familiar()
                        : "Status: Image is up to date for " + name.familiar());
            }
            default -> throw new IllegalStateException("unknown pull event " + event.status());
        }
    }

    private static void report(JsonProgress progress, ImageName name, PushEvent event) {
        if (!progress.started()) {
            progress.status("The push refers to repository [" + name.canonicalName() + "]");
        }
        String layer = shortId(event.id());
        switch (event.status()) {
            case ALREADY_EXISTS -> progress.status("Layer already exists", layer);
            case MOUNTED -> progress.status("Mounted from another repository", layer);
            case UPLOADING -> progress.progress("Pushing", layer, event.current(), event.total());
            case UPLOADED -> progress.status("Pushed", layer);
            case SKIPPED -> progress.status("Skipped foreign layer", layer);
            case PUSHED -> {
                progress.status(name.tag() + ": digest: " + event.id());
                progress.aux(Json.object().put("Tag", name.tag()).put("Digest", event.id()));
            }
            default -> throw new IllegalStateException("unknown push event " + event.status());
        }
    }

    /**
     * Answers a failed transfer: an HTTP error while nothing was streamed, else dockerd's error message. A missing
     * image is said as dockerd says it ({@code <subject> not found: ...}), which clients recognise.
     */
    private static void fail(JsonProgress progress, String subject, RuntimeOperationException e) {
        String message = e instanceof NotFoundException ? subject + " not found: " + e.getMessage() : e.getMessage();
        if (progress.started()) {
            progress.error(message);
            return;
        }
        int status = e instanceof NotFoundException ? 404
                : e instanceof RegistryAccessException r && r.reason() == RegistryAccessException.Reason.UNAUTHORIZED
                ? 401 : 500;
        throw new ApiException(status, message);
    }

    /** A layer digest as dockerd shows it: 12 hex digits. */
    private static String shortId(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
