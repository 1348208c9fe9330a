package dev.berth.daemon.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a build context tar (plain or gzip-compressed, told apart by its first bytes) into an empty directory,
 * and nothing outside it: entry names that are absolute or climb out with {@code ..} are refused, writes never
 * go through a symbolic link (links are created as links, a later entry below a link is refused), and hard links
 * may only point at files already unpacked. Devices, fifos and sockets are skipped, as the docker CLI never sends
 * them. On failure the caller removes the directory; nothing else has been touched.
 */
public final class ContextExtractor {
    private ContextExtractor() {
    }

    /** A context tar that cannot be unpacked; the message names the entry and the rule. */
    public static final class BadContextException extends IOException {
        BadContextException(String message) {
            super(message);
        }
    }

    public static void extract(InputStream body, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(body), "UTF-8")) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = inside(root, entry.getName());
                if (path.equals(root)) {
                    continue;
                }
                requireRealDirectories(root, path.getParent(), entry.getName());
                if (entry.isDirectory()) {
                    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                        replace(path);
                        Files.createDirectory(path);
                    }
                } else if (entry.isSymbolicLink()) {
                    replace(path);
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Path existing = inside(root, entry.getLinkName());
                    requireRealDirectories(root, existing.getParent(), entry.getLinkName());
                    if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
                        throw new BadContextException("hard link " + entry.getName() + " points at "
                                + entry.getLinkName() + ", which is not a file earlier in the archive");
                    }
                    replace(path);
                    Files.createLink(path, existing);
                    continue;
                } else if (entry.isFile()) {
                    replace(path);
                    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        tar.transferTo(out);
                    }
                } else {
                    continue;
                }
                attributes(path, entry);
            }
        }
    }

    private static InputStream decompressed(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, 65536);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 65536) : in;
    }

    /** The entry's path below {@code root}, refusing absolute names and {@code ..} escapes. */
    static Path inside(Path root, String name) throws BadContextException {
        if (name.startsWith("/")) {
            throw new BadContextException("context entry " + name + " is an absolute path; build context archives"
                    + " hold paths relative to the context root");
        }
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new BadContextException("context entry " + name + " leaves the context directory");
        }
        return path;
    }

    /** Every directory from the root down to {@code dir} must be a real directory, not a symbolic link. */
    private static void requireRealDirectories(Path root, Path dir, String name) throws IOException {
        Path current = root;
        for (Path part : root.relativize(dir)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new BadContextException("context entry " + name + " lies below the symbolic link "
                        + root.relativize(current) + "; archives must not write through links");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadContextException("context entry " + name + " lies below "
                        + root.relativize(current) + ", which is not a directory");
            }
        }
    }

    /** A later entry replaces an earlier one of the same name (a directory only when it is empty). */
    private static void replace(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw new FileAlreadyExistsException(path.toString(), null, "a non-empty directory is in the way");
        }
    }

    private static void attributes(Path path, TarArchiveEntry entry) throws IOException {
        if (!entry.isSymbolicLink()) {
            Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
        Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(entry.getLastModifiedDate().toInstant()), null, null);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }
}
