package dev.berth.embedded.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tar archives entry by entry for tests, including malicious ones. */
public final class TarBuilder {
    public static final Instant MTIME = Instant.parse("2020-01-02T03:04:05Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    public TarBuilder() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public TarBuilder dir(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
        entry.setMode(040000 | mode);
        entry.setModTime(MTIME.toEpochMilli());
        return put(entry, null);
    }

    public TarBuilder file(String name, String content, int mode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode, 0, 0);
    }

    public TarBuilder file(String name, byte[] content, int mode, int uid, int gid) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(0100000 | mode);
        entry.setSize(content.length);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setModTime(MTIME.toEpochMilli());
        return put(entry, content);
    }

    public TarBuilder symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        entry.setModTime(MTIME.toEpochMilli());
        return put(entry, null);
    }

    public TarBuilder hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        entry.setModTime(MTIME.toEpochMilli());
        return put(entry, null);
    }

    public TarBuilder xattr(String name, String key, String value) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(0100644);
        entry.setSize(0);
        entry.addPaxHeader("SCHILY.xattr." + key, value);
        return put(entry, new byte[0]);
    }

    private TarBuilder put(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes() {
        try {
            tar.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path writeTo(Path file) {
        try {
            Files.write(file, bytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path writeGzipTo(Path file) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
