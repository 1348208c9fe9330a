package dev.berth.runtime;

import java.util.Objects;

/**
 * Progress of {@link ContainerRuntime#pullImage}: one event per layer step, then one final event for the image.
 *
 * @param image   the reference being pulled
 * @param id      the layer or blob digest; for {@link Status#PULLED} and {@link Status#UP_TO_DATE} the digest the
 *                reference resolved to in the registry (empty when the runtime does not say)
 * @param status  what happened
 * @param current bytes done (downloads), else 0
 * @param total   bytes in all (downloads), else 0
 */
public record PullEvent(ImageRef image, String id, Status status, long current, long total) {
  /** What happened to a layer or to the image. */
  public enum Status {
    /** The layer is already stored locally. */
    ALREADY_EXISTS,
    /** Bytes of the layer are arriving. */
    DOWNLOADING,
    /** The layer arrived and matched its digest. */
    DOWNLOADED,
    /** The layer is unpacked and ready for containers (runtimes that unpack while pulling). */
    EXTRACTED,
    /** The image is stored and tagged; something new was downloaded. */
    PULLED,
    /** The image was already stored as the registry has it. */
    UP_TO_DATE
  }

  public PullEvent {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }

  /** Whether this is the last event of a pull. */
  public boolean isFinal() {
    return status == Status.PULLED || status == Status.UP_TO_DATE;
  }
}
