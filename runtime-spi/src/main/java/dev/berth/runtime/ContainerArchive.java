package dev.berth.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A path copied out of a container: a tar stream whose single top-level entry is the path's base name (a directory
 * comes with everything below it), and the path's {@link PathStat}. Close it to release the runtime's resources.
 */
public record ContainerArchive(PathStat stat, InputStream tar) implements AutoCloseable {
  public ContainerArchive {
    Objects.requireNonNull(stat, "stat");
    Objects.requireNonNull(tar, "tar");
  }

  @Override
  public void close() {
    try {
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the archive of " + stat.name(), e);
    }
  }
}
