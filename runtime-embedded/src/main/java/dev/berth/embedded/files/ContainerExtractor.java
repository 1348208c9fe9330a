package dev.berth.embedded.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar stream into a directory of a container, as Docker's {@code PUT archive} does. Every entry's parent
 * is resolved inside the container (links included), so an entry cannot be written outside it, not even through a
 * link an earlier entry made; entry names with {@code ..} or an absolute path are refused. Missing directories
 * below the target are created; entries keep their numeric owner and group.
 */
public final class ContainerExtractor {
    private ContainerExtractor() {
    }

    /**
     * Every entry gets the archive's uid and gid, as dockerd's extraction does.
     *
     * @throws ContainerPathException when {@code dir} is missing, not a directory, or read-only, or an entry's
     *     parent is not a directory
     */
    public static void extract(ContainerRoot root, String dir, InputStream tarStream) {
        String target = root.resolve(dir, true);
        ContainerRoot.Location location = root.locate(target);
        if (!Files.isDirectory(location.host(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ContainerPathException(dir + " in container " + root.container()
                    + " is not a directory; copy into a directory");
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarStream)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                List<String> parts = safeComponents(root, e.getName());
                if (parts.isEmpty()) {
                    continue;
                }
                String parent = parentDirectory(root, target, parts.subList(0, parts.size() - 1), e.getName());
                ContainerRoot.Location where = root.locate(parent);
                if (where.readOnly()) {
                    throw new ContainerPathException(ContainerPathException.Reason.READ_ONLY, parent
                            + " in container " + root.container() + " is on a read-only mount");
                }
                if (!Files.isDirectory(where.host(), LinkOption.NOFOLLOW_LINKS)) {
                    throw new ContainerPathException(parent + " in container " + root.container()
                            + " is not a directory; archive entry " + e.getName() + " cannot go there");
                }
                Path written = where.host().resolve(parts.get(parts.size() - 1));
                write(root, target, tar, e, written);
                if (Files.exists(written, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setAttribute(written, "unix:uid", (int) e.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(written, "unix:gid", (int) e.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract into " + dir + " of container " + root.container(), e);
        }
    }

    /**
     * The canonical container path of the directory an entry goes into, below {@code target}; missing directories on
     * the way are created (mode 0755, owned by root) as Docker does for archives that name only files.
     */
    private static String parentDirectory(ContainerRoot root, String target, List<String> parts, String entry)
            throws IOException {
        String dir = target;
        for (String part : parts) {
            String resolved = root.resolve(dir, true);
            String next = resolved.equals("/") ? "/" + part : resolved + "/" + part;
            ContainerRoot.Location location = root.locate(next);
            if (!Files.exists(location.host(), LinkOption.NOFOLLOW_LINKS)) {
                if (location.readOnly()) {
                    throw new ContainerPathException(ContainerPathException.Reason.READ_ONLY, dir + " in container "
                            + root.container() + " is on a read-only mount; archive entry " + entry
                            + " cannot go there");
                }
                Files.createDirectory(location.host());
                Files.setAttribute(location.host(), "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
            }
            dir = next;
        }
        return root.resolve(dir, true);
    }

    private static List<String> safeComponents(ContainerRoot root, String name) {
        if (name.startsWith("/")) {
            throw new ContainerPathException("archive entry " + name + " for container " + root.container()
                    + " is absolute; entries must be relative to the target directory");
        }
        List<String> parts = ContainerRoot.components(name);
        if (parts.contains("..")) {
            throw new ContainerPathException("archive entry " + name + " for container " + root.container()
                    + " climbs out of the target directory with '..'");
        }
        return parts;
    }

    private static void write(ContainerRoot root, String target, TarArchiveInputStream tar, TarArchiveEntry e, Path path)
            throws IOException {
        boolean exists = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        boolean isDir = exists && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (e.isDirectory()) {
            if (exists && !isDir) {
                Files.delete(path);
            }
            if (!isDir) {
                Files.createDirectory(path);
            }
        } else {
            if (isDir) {
                throw new ContainerPathException("cannot overwrite directory " + path.getFileName() + " in container "
                        + root.container() + " with a non-directory from the archive");
            }
            Files.deleteIfExists(path); // a link there is replaced, never written through
            if (e.isSymbolicLink()) {
                Files.createSymbolicLink(path, Path.of(e.getLinkName()));
                setOwner(path, e);
                return;
            }
            if (e.isLink()) {
                String linked = root.resolve(target + "/" + e.getLinkName(), false);
                Files.createLink(path, root.locate(linked).host());
                return;
            }
            if (!e.isFile()) {
                return; // devices and fifos are not created
            }
            try (var out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                tar.transferTo(out);
            }
        }
        setOwner(path, e);
        Files.setAttribute(path, "unix:mode", e.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
        Files.setLastModifiedTime(path, FileTime.from(e.getModTime().toInstant()));
    }

    /** The entry's numeric owner and group, as Docker keeps them (before the mode: chown clears set-id bits). */
    private static void setOwner(Path path, TarArchiveEntry e) throws IOException {
        Files.setAttribute(path, "unix:uid", (int) e.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", (int) e.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
    }
}
