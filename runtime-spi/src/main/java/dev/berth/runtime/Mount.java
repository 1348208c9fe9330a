package dev.berth.runtime;

import java.util.Objects;
import java.util.Optional;

/** A filesystem (or, for {@link InjectedFile}, a single file given by value) mounted into a container. */
public sealed interface Mount permits Mount.Bind, Mount.Volume, Mount.Tmpfs, InjectedFile {

  /** Absolute path inside the container. */
  String target();

  /** A host path bound into the container. */
  record Bind(String source, String target, boolean readOnly, Optional<String> propagation, boolean createHostPath)
      implements Mount {
    public Bind {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(propagation, "propagation");
    }
  }

  /**
   * A volume; an empty {@code name} asks the runtime for a fresh anonymous volume. A named volume must already
   * exist (runtimes never create one implicitly). {@code subpath} mounts that directory of the volume instead of
   * its root (relative, inside the volume, and existing).
   */
  record Volume(Optional<String> name, String target, boolean readOnly, boolean noCopy, Optional<String> subpath)
      implements Mount {
    public Volume {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(subpath, "subpath");
    }

    public Volume(Optional<String> name, String target, boolean readOnly, boolean noCopy) {
      this(name, target, readOnly, noCopy, Optional.empty());
    }

    public static Volume named(String name, String target) {
      return new Volume(Optional.of(name), target, false, false);
    }

    public static Volume anonymous(String target) {
      return new Volume(Optional.empty(), target, false, false);
    }

    public boolean anonymous() {
      return name.isEmpty();
    }
  }

  /** A memory-backed filesystem; size 0 means unlimited, mode 0 means the runtime default. */
  record Tmpfs(String target, long sizeBytes, int mode) implements Mount {
    public Tmpfs {
      Objects.requireNonNull(target, "target");
    }
  }
}
