package dev.berth.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.VolumeOptions;

/**
 * {@code Mount.VolumeOptions} with the {@code Subpath} field of Docker Engine API 1.45, which docker-java's model
 * lacks; it is serialised beside the inherited fields.
 */
final class SubpathVolumeOptions extends VolumeOptions {
  private static final long serialVersionUID = 1L;

  @JsonProperty("Subpath")
  private final String subpath;

  SubpathVolumeOptions(String subpath) {
    this.subpath = subpath;
  }

  String getSubpath() {
    return subpath;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubpathVolumeOptions other && super.equals(o) && subpath.equals(other.subpath);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + subpath.hashCode();
  }
}
