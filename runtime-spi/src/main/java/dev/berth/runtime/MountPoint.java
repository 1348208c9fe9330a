package dev.berth.runtime;

import java.util.Objects;

/**
 * A mount as a runtime reports it on an existing container. For volumes {@code source} is the volume name (also
 * for anonymous volumes, which have generated names); for binds it is the host path.
 */
public record MountPoint(Type type, String source, String target, boolean readOnly) {
  public enum Type { BIND, VOLUME, TMPFS }

  public MountPoint {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }
}
