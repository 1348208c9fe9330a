package dev.berth.runtime;

import java.util.Objects;

/** An image reference as a user writes it: {@code busybox:1.36}, {@code registry/repo@sha256:...} or an image id. */
public record ImageRef(String value) {
  public ImageRef {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("image reference must not be blank");
    }
  }

  public static ImageRef of(String value) {
    return new ImageRef(value);
  }

  /** Parses this reference into registry, repository, tag and digest; see {@link ImageName#parse}. */
  public ImageName parse() {
    return ImageName.parse(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
