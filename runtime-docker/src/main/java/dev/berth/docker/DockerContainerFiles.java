package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import dev.berth.runtime.ContainerArchive;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PathStat;
import dev.berth.runtime.RuntimeOperationException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.utils.CloseShieldFilterInputStream;

/**
 * {@code docker cp} through the archive endpoints. docker-java does not hand out the engine's path-stat header, so
 * the stat is read from the archive's first entry (the path itself), and the stream is rewound before it is returned.
 */
final class DockerContainerFiles {
  /** Room for the first entry's headers, including PAX extended headers. */
  private static final int HEADER_READ_LIMIT = 1 << 20;

  private DockerContainerFiles() {}

  static void copyTo(DockerClient client, ContainerId id, Path containerDir, InputStream tar) {
    String op = "copy to container";
    try {
      client.copyArchiveToContainerCmd(id.value()).withRemotePath(containerDir.toString())
          .withTarInputStream(tar).exec();
    } catch (RuntimeException e) {
      RuntimeOperationException translated = DockerErrors.translate(op, id.value(), e,
          DockerErrors.ConflictMeaning.STATE);
      // dockerd answers 400 when the target exists but is not a directory
      if (translated.getMessage().contains("not a directory")) {
        throw new NotFoundException(op, id.value(), containerDir + " is not a directory; copy into a directory");
      }
      throw translated;
    }
  }

  static ContainerArchive copyFrom(DockerClient client, ContainerId id, Path containerPath) {
    String op = "copy from container";
    InputStream raw;
    try {
      raw = client.copyArchiveFromContainerCmd(id.value(), containerPath.toString()).exec();
    } catch (RuntimeException e) {
      throw DockerErrors.translate(op, id.value(), e, DockerErrors.ConflictMeaning.STATE);
    }
    BufferedInputStream tar = new BufferedInputStream(raw, 64 * 1024);
    try {
      tar.mark(HEADER_READ_LIMIT);
      TarArchiveEntry first = new TarArchiveInputStream(new CloseShieldFilterInputStream(tar)).getNextEntry();
      tar.reset();
      if (first == null) {
        tar.close();
        throw new NotFoundException(op, id.value(), "the engine sent an empty archive for " + containerPath);
      }
      return new ContainerArchive(stat(first), tar);
    } catch (IOException e) {
      try {
        tar.close();
      } catch (IOException ignored) {
        // reported below
      }
      throw new RuntimeOperationException(op, id.value(), "unreadable archive of " + containerPath + ": "
          + e.getMessage(), e);
    }
  }

  private static PathStat stat(TarArchiveEntry entry) {
    String name = entry.getName().replaceAll("/+$", "");
    name = name.substring(name.lastIndexOf('/') + 1);
    PathStat.Kind kind = entry.isDirectory() ? PathStat.Kind.DIRECTORY
        : entry.isSymbolicLink() ? PathStat.Kind.SYMLINK
        : entry.isFile() ? PathStat.Kind.FILE : PathStat.Kind.OTHER;
    return new PathStat(name, kind == PathStat.Kind.FILE ? entry.getSize() : 0, kind, entry.getMode() & 07777,
        entry.getModTime().toInstant(), entry.isSymbolicLink() ? entry.getLinkName() : "");
  }
}
