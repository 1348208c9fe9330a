package dev.berth.engine.compose;

import java.util.Objects;

/** The image one container of the project uses ({@code images}): id and size when the runtime knows the image. */
public record ContainerImage(String container, String service, String image, String id, long size) {
  public ContainerImage {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(id, "id");
  }
}
