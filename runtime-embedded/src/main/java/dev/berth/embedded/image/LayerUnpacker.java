package dev.berth.embedded.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts one image layer (plain or gzip tar) into an empty directory, the way overlayfs wants it: {@code .wh.x}
 * becomes a 0/0 character device {@code x}, {@code .wh..wh..opq} sets {@code trusted.overlay.opaque=y} on its
 * directory. Modes (incl. setuid), owners, mtimes and xattrs are kept. Names with {@code ..}, absolute names, writes
 * through symlinks leaving the layer and hardlinks to outside are refused with {@link UnsafeArchiveException}.
 */
public final class LayerUnpacker {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final boolean overlayWhiteouts;
    private final boolean keepOwners;

    /**
     * @param overlayWhiteouts convert whiteouts to overlay form (needs root); when false they are kept as plain
     *                         {@code .wh.} files (useful for archives that are not layers)
     * @param keepOwners       apply the tar's uid/gid (needs root)
     */
    public LayerUnpacker(boolean overlayWhiteouts, boolean keepOwners) {
        this.overlayWhiteouts = overlayWhiteouts;
        this.keepOwners = keepOwners;
    }

    /** Unpacks {@code raw} into {@code dest} (which must exist) and returns the diffID (sha256 of the plain tar). */
    public Digest unpack(InputStream raw, Path dest) {
        MessageDigest sha = Digest.newSha256();
        Map<Path, FileTime> directoryTimes = new LinkedHashMap<>();
        try (InputStream plain = new DigestInputStream(Compression.decompressed(raw), sha);
             TarArchiveInputStream tar = new TarArchiveInputStream(plain)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                extract(tar, entry, dest, directoryTimes);
            }
            plain.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new ImageStoreException("cannot read layer: " + e.getMessage(), e);
        }
        List<Path> dirs = new ArrayList<>(directoryTimes.keySet());
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path dir : dirs) {
            setTime(dir, directoryTimes.get(dir));
        }
        return Digest.of(sha);
    }

    private void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root, Map<Path, FileTime> dirTimes)
            throws IOException {
        String name = entry.getName();
        List<String> parts = ScopedPath.components(name);
        if (parts.isEmpty()) {
            return;
        }
        String base = parts.get(parts.size() - 1);
        Path parent = ScopedPath.resolve(root, parts.subList(0, parts.size() - 1), ScopedPath.Links.REFUSE_ESCAPES, true);
        if (overlayWhiteouts && base.equals(OPAQUE)) {
            run("setfattr", "-n", "trusted.overlay.opaque", "-v", "y", parent.toString());
            return;
        }
        if (overlayWhiteouts && base.startsWith(WHITEOUT)) {
            Path hidden = parent.resolve(base.substring(WHITEOUT.length()));
            removeExisting(hidden);
            run("mknod", hidden.toString(), "c", "0", "0");
            return;
        }
        Path target = parent.resolve(base);
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, NOFOLLOW)) {
                removeExisting(target);
                Files.createDirectory(target);
            }
            applyAttributes(entry, target);
            dirTimes.put(target, entry.getLastModifiedTime());
            return;
        }
        removeExisting(target);
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            List<String> linkParts = ScopedPath.components(entry.getLinkName());
            if (linkParts.isEmpty()) {
                throw new UnsafeArchiveException(name, "hardlink to the layer root");
            }
            Path linkParent = ScopedPath.resolve(root, linkParts.subList(0, linkParts.size() - 1),
                    ScopedPath.Links.REFUSE_ESCAPES, false);
            Path source = linkParent.resolve(linkParts.get(linkParts.size() - 1));
            if (!Files.exists(source, NOFOLLOW) || Files.isDirectory(source, NOFOLLOW)) {
                throw new UnsafeArchiveException(name, "hardlink target '" + entry.getLinkName()
                        + "' is not a file extracted earlier in this layer");
            }
            Files.createLink(target, source);
            return;
        } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            if (!keepOwners) {
                return;
            }
            String type = entry.isFIFO() ? "p" : entry.isCharacterDevice() ? "c" : "b";
            if (entry.isFIFO()) {
                run("mknod", target.toString(), type);
            } else {
                run("mknod", target.toString(), type, Integer.toString(entry.getDevMajor()),
                        Integer.toString(entry.getDevMinor()));
            }
        } else if (entry.isFile()) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                tar.transferTo(out);
            }
        } else {
            return;
        }
        applyAttributes(entry, target);
        setTime(target, entry.getLastModifiedTime());
    }

    private void applyAttributes(TarArchiveEntry entry, Path target) throws IOException {
        boolean symlink = entry.isSymbolicLink();
        if (keepOwners) {
            Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), NOFOLLOW);
            Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), NOFOLLOW);
        }
        if (!symlink) {
            Files.setAttribute(target, "unix:mode", entry.getMode() & 07777, NOFOLLOW);
        }
        for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
            if (header.getKey().startsWith("SCHILY.xattr.") && !symlink) {
                setXattr(target, header.getKey().substring("SCHILY.xattr.".length()),
                        header.getValue().getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    private void setXattr(Path target, String key, byte[] value) throws IOException {
        if (key.startsWith("user.")) {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(target, UserDefinedFileAttributeView.class);
            view.write(key.substring("user.".length()), ByteBuffer.wrap(value));
        } else if (keepOwners && !key.startsWith("trusted.overlay.")) {
            run("setfattr", "-n", key, "-v", "0s" + Base64.getEncoder().encodeToString(value), target.toString());
        }
    }

    private static void setTime(Path target, FileTime time) {
        try {
            Files.getFileAttributeView(target, BasicFileAttributeView.class, NOFOLLOW).setTimes(time, time, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeExisting(Path target) throws IOException {
        if (Files.isDirectory(target, NOFOLLOW)) {
            try (var walk = Files.walk(target)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } else {
            Files.deleteIfExists(target);
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                throw new ImageStoreException("'" + String.join(" ", command) + "' failed: " + output
                        + " (layer extraction with whiteouts needs root and the 'attr' package)");
            }
        } catch (IOException e) {
            throw new ImageStoreException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageStoreException("interrupted while running " + command[0], e);
        }
    }
}
