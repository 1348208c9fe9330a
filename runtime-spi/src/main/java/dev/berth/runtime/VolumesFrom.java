package dev.berth.runtime;

import java.util.Objects;

/**
 * Docker's {@code volumes_from}: the new container gets the volumes and binds of {@code container} (a name or
 * id), each read-only when {@code readOnly} is set, else as that container has it (Docker's {@code rw}, the
 * default, never makes a read-only mount writable).
 */
public record VolumesFrom(String container, boolean readOnly) {
  public VolumesFrom {
    Objects.requireNonNull(container, "container");
    if (container.isBlank()) {
      throw new IllegalArgumentException("volumes_from needs a container name");
    }
  }

  /** Docker's form: {@code <container>:ro} or {@code <container>:rw}. */
  public String dockerForm() {
    return container + (readOnly ? ":ro" : ":rw");
  }

  /** Whether a mount the source container has with {@code sourceReadOnly} is read-only in the new container. */
  public boolean readOnly(boolean sourceReadOnly) {
    return readOnly || sourceReadOnly;
  }
}
