package dev.berth.docker;

import dev.berth.runtime.InjectedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tar, relative to {@code /}, holding the {@link InjectedFile}s of a container with their owner and mode, for the
 * Engine API's archive upload ({@code PUT /containers/{id}/archive?path=/}); the engine creates missing parent
 * directories. This is how Compose puts secrets and configs given by value into a container.
 */
final class InjectedFileArchive {
  private InjectedFileArchive() {}

  static byte[] of(List<InjectedFile> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (InjectedFile f : files) {
        byte[] content = f.bytes();
        TarArchiveEntry entry = new TarArchiveEntry(f.target().substring(1));
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | f.mode());
        entry.setUserId(f.uid());
        entry.setGroupId(f.gid());
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the archive of injected files", e);
    }
    return bytes.toByteArray();
  }
}
