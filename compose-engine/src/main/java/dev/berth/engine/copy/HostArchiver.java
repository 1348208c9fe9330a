package dev.berth.engine.copy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a host file or directory as a tar stream, as {@code docker cp} sends it: permission bits, modification
 * times and symbolic links as they are (never followed below the top), and the host's uid and gid or root's.
 */
final class HostArchiver {
    private HostArchiver() {
    }

    /**
     * Archives {@code source} (a directory with everything below it) under the top name {@code top}, renamed by
     * {@code naming}; entries carry the host's ownership when {@code keepOwnership}, else uid and gid 0.
     */
    static void archive(Path source, String top, EntryNaming naming, boolean keepOwnership, OutputStream out) {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
                Stream<Path> walk = Files.walk(source)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<Path> paths = walk.sorted().toList();
            for (Path p : paths) {
                String relative = source.relativize(p).toString();
                Optional<String> name = naming.apply(relative.isEmpty() ? top : top + "/" + relative);
                if (name.isPresent()) {
                    write(tar, name.get(), p, keepOwnership);
                }
            }
        } catch (IOException e) {
            throw new CopyException("cannot read " + source + " to copy it: " + e.getMessage(), e);
        }
    }

    private static void write(TarArchiveOutputStream tar, String name, Path p, boolean keepOwnership)
            throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        TarArchiveEntry entry;
        boolean regular = false;
        if (Files.isSymbolicLink(p)) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            entry = new TarArchiveEntry(name + "/");
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(p));
            regular = true;
        } else {
            throw new CopyException(p + " is a device, socket or pipe; only files, directories and links are copied");
        }
        entry.setMode(mode);
        entry.setModTime(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
        entry.setUserName("");
        entry.setGroupName("");
        if (keepOwnership) {
            entry.setUserId((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS));
            entry.setGroupId((Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        } else {
            entry.setUserId(0);
            entry.setGroupId(0);
        }
        tar.putArchiveEntry(entry);
        if (regular) {
            Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
    }
}
