package dev.berth.runtime;

import java.util.Objects;

/**
 * Progress of {@link ContainerRuntime#pushImage}: one event per layer step, then {@link Status#PUSHED}.
 *
 * @param image   the reference being pushed
 * @param id      the layer or blob digest; for {@link Status#PUSHED} the digest of the pushed manifest (empty when
 *                the runtime does not say)
 * @param status  what happened
 * @param current bytes done (uploads), else 0
 * @param total   bytes in all (uploads), else 0
 */
public record PushEvent(ImageRef image, String id, Status status, long current, long total) {
  /** What happened to a layer or to the image. */
  public enum Status {
    /** The registry already has the layer. */
    ALREADY_EXISTS,
    /** The registry took the layer from another of its repositories. */
    MOUNTED,
    /** Bytes of the layer are leaving. */
    UPLOADING,
    /** The layer is in the registry. */
    UPLOADED,
    /** A non-distributable layer, left out of the registry as Docker does. */
    SKIPPED,
    /** The manifest is in the registry under the tag. */
    PUSHED
  }

  public PushEvent {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }
}
