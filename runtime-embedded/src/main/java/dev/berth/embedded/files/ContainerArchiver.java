package dev.berth.embedded.files;

import dev.berth.runtime.PathStat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a path of a container as Docker's archive API does: one top-level entry named after the path's base name,
 * a directory with everything below it; links are archived as links, never followed.
 */
public final class ContainerArchiver {
    private ContainerArchiver() {
    }

    /** Archives {@code path} of {@code root} into {@code out} and returns the path's stat. */
    public static PathStat archive(ContainerRoot root, String path, OutputStream out) {
        String canonical = root.resolve(path, false);
        Path host = root.locate(canonical).host();
        String name = canonical.equals("/") ? "/" : canonical.substring(canonical.lastIndexOf('/') + 1);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            String top = canonical.equals("/") ? "." : name;
            if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(host)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        String relative = host.relativize(p).toString();
                        write(tar, relative.isEmpty() ? top : top + "/" + relative, p);
                    }
                }
            } else {
                write(tar, top, host);
            }
            return stat(name, host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + path + " of container " + root.container(), e);
        }
    }

    /**
     * The stat of {@code path} of {@code root} without archiving it (Docker's {@code HEAD archive}); links inside the
     * path are resolved within the container, a link as the last component is reported as the link itself.
     *
     * @throws ContainerPathException when the path does not exist
     */
    public static PathStat stat(ContainerRoot root, String path) {
        String canonical = root.resolve(path, false);
        String name = canonical.equals("/") ? "/" : canonical.substring(canonical.lastIndexOf('/') + 1);
        try {
            return stat(name, root.locate(canonical).host());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path + " of container " + root.container(), e);
        }
    }

    static PathStat stat(String name, Path host) throws IOException {
        int mode = (Integer) Files.getAttribute(host, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        PathStat.Kind kind = Files.isSymbolicLink(host) ? PathStat.Kind.SYMLINK
                : Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS) ? PathStat.Kind.DIRECTORY
                : Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS) ? PathStat.Kind.FILE : PathStat.Kind.OTHER;
        FileTime modified = Files.getLastModifiedTime(host, LinkOption.NOFOLLOW_LINKS);
        return new PathStat(name, Files.size(host), kind, mode & 07777, modified.toInstant(),
                kind == PathStat.Kind.SYMLINK ? Files.readSymbolicLink(host).toString() : "");
    }

    private static void write(TarArchiveOutputStream tar, String name, Path p) throws IOException {
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
            return; // devices, sockets and fifos are left out
        }
        entry.setMode(mode);
        entry.setUserId((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        entry.setGroupId((Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        entry.setModTime(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
        tar.putArchiveEntry(entry);
        if (regular) {
            Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
    }

    static List<String> components(String path) {
        return ContainerRoot.components(path);
    }
}
