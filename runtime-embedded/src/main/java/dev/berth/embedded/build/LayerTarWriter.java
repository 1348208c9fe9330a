package dev.berth.embedded.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes a plain (uncompressed) layer tar; names are image paths without the leading slash. */
final class LayerTarWriter implements AutoCloseable {
    private final OutputStream file;
    private final TarArchiveOutputStream tar;
    private final Set<String> written = new HashSet<>();
    private int entries;

    LayerTarWriter(Path target) {
        try {
            this.file = Files.newOutputStream(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.tar = new TarArchiveOutputStream(file);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    int entries() {
        return entries;
    }

    boolean contains(String name) {
        return written.contains(strip(name));
    }

    void dir(String name, int mode, int uid, int gid, long mtimeMillis) {
        TarArchiveEntry entry = new TarArchiveEntry(strip(name) + "/", TarConstants.LF_DIR, true);
        entry.setMode(040000 | (mode & 07777));
        put(entry, uid, gid, mtimeMillis, null, 0);
    }

    void file(String name, Path source, int mode, int uid, int gid, long mtimeMillis) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(strip(name), TarConstants.LF_NORMAL, true);
            entry.setMode(0100000 | (mode & 07777));
            try (InputStream in = Files.newInputStream(source)) {
                put(entry, uid, gid, mtimeMillis, in, Files.size(source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void file(String name, byte[] content, int mode, int uid, int gid, long mtimeMillis) {
        TarArchiveEntry entry = new TarArchiveEntry(strip(name), TarConstants.LF_NORMAL, true);
        entry.setMode(0100000 | (mode & 07777));
        put(entry, uid, gid, mtimeMillis, new java.io.ByteArrayInputStream(content), content.length);
    }

    void file(String name, InputStream content, long size, int mode, int uid, int gid, long mtimeMillis) {
        TarArchiveEntry entry = new TarArchiveEntry(strip(name), TarConstants.LF_NORMAL, true);
        entry.setMode(0100000 | (mode & 07777));
        put(entry, uid, gid, mtimeMillis, content, size);
    }

    void symlink(String name, String target, int uid, int gid, long mtimeMillis) {
        TarArchiveEntry entry = new TarArchiveEntry(strip(name), TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        entry.setMode(0120777);
        put(entry, uid, gid, mtimeMillis, null, 0);
    }

    void hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(strip(name), TarConstants.LF_LINK, true);
        entry.setLinkName(strip(target));
        put(entry, 0, 0, 0, null, 0);
    }

    /** A deletion marker {@code .wh.<name>}. */
    void whiteout(String name) {
        String stripped = strip(name);
        int slash = stripped.lastIndexOf('/');
        String wh = slash < 0 ? ".wh." + stripped : stripped.substring(0, slash + 1) + ".wh." + stripped.substring(slash + 1);
        file(wh, new byte[0], 0, 0, 0, 0);
    }

    /** Marks a directory opaque (its lower contents are hidden). */
    void opaque(String dir) {
        file(strip(dir) + "/.wh..wh..opq", new byte[0], 0, 0, 0, 0);
    }

    private void put(TarArchiveEntry entry, int uid, int gid, long mtimeMillis, InputStream content, long size) {
        try {
            entry.setUserId(uid);
            entry.setGroupId(gid);
            entry.setModTime(mtimeMillis);
            entry.setSize(content == null ? 0 : size);
            tar.putArchiveEntry(entry);
            if (content != null) {
                content.transferTo(tar);
            }
            tar.closeArchiveEntry();
            written.add(strip(entry.getName()));
            entries++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String strip(String name) {
        String n = name;
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    @Override
    public void close() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
