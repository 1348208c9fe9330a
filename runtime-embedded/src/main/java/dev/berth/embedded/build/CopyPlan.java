package dev.berth.embedded.build;

import dev.berth.embedded.image.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * What a COPY or ADD writes: its sources resolved against a root (build context with .dockerignore, another
 * stage's file system, or an additional context), globs expanded, destinations decided, owners and modes applied,
 * and a content hash of all of it for the build cache.
 */
final class CopyPlan {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Pattern URL = Pattern.compile("^(https?|git|ssh)://.*|^git@.*");

    /** Where sources are read from; {@code preserveOwners} is true for other stages' file systems. */
    record SourceRoot(Path dir, DockerIgnore ignore, String description, boolean preserveOwners) {
    }

    /** A numeric owner; null fields mean "keep". */
    record Owner(int uid, int gid) {
    }

    enum Kind { DIR, FILE, SYMLINK, ARCHIVE, CONTENT }

    record Item(Kind kind, String dest, Path source, byte[] content, int mode, int uid, int gid, long mtime,
                String linkTarget) {
    }

    private final List<Item> items;
    private final Owner createdDirOwner;
    private final String hash;

    private CopyPlan(List<Item> items, Owner createdDirOwner, String hash) {
        this.items = List.copyOf(items);
        this.createdDirOwner = createdDirOwner;
        this.hash = hash;
    }

    String hash() {
        return hash;
    }

    List<Item> items() {
        return items;
    }

    /**
     * Plans a COPY/ADD. {@code dest} is absolute (already joined with WORKDIR); a trailing slash makes it a
     * directory. {@code heredocs} maps heredoc names used as sources to their (expanded) bodies.
     */
    static CopyPlan plan(String keyword, int line, SourceRoot root, List<String> sources, String dest,
                         Map<String, String> heredocs, Owner chown, Integer chmod, RootfsView rootfs) {
        boolean isAdd = keyword.equals("ADD");
        boolean destIsDir = dest.endsWith("/") || sources.size() > 1 || rootfs.isDirectory(dest);
        String destPath = dest.equals("/") ? "/" : stripSlash(dest);
        List<Item> items = new ArrayList<>();
        List<Path> resolved = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String source : sources) {
            if (heredocs.containsKey(source)) {
                String target = destIsDir ? join(destPath, source) : destPath;
                items.add(new Item(Kind.CONTENT, target, null, heredocs.get(source).getBytes(StandardCharsets.UTF_8),
                        chmod != null ? chmod : 0644, owner(chown, 0, true), owner(chown, 0, false), 0, null));
                continue;
            }
            if (URL.matcher(source).matches()) {
                if (!isAdd) {
                    throw new DockerfileException(line, "COPY cannot fetch URLs: " + source, "use ADD for remote sources");
                }
                throw new DockerfileException(line, "ADD " + source + " needs network access, which offline builds do not have",
                        "download the file into the build context and ADD or COPY it from there");
            }
            List<Path> matches = expand(root, source, line, keyword);
            resolved.addAll(matches);
            matches.forEach(m -> names.add(m.getFileName() == null ? "" : m.getFileName().toString()));
        }
        if (resolved.size() > 1) {
            destIsDir = true;
            if (!dest.endsWith("/") && !rootfs.isDirectory(dest) && sources.size() == 1) {
                throw new DockerfileException(line, "when " + keyword + " has several sources the destination must be a directory ending in '/'",
                        "write " + dest + "/");
            }
        }
        for (int i = 0; i < resolved.size(); i++) {
            Path src = resolved.get(i);
            Path real = realInside(root, src, line, keyword, sources);
            if (Files.isDirectory(real)) {
                walk(root, real, destPath, chown, chmod, items);
            } else if (isAdd && isArchive(real)) {
                items.add(new Item(Kind.ARCHIVE, destPath, real, null, 0, 0, 0, 0, null));
            } else {
                String target = destIsDir ? join(destPath, names.get(i)) : destPath;
                items.add(item(root, real, target, chown, chmod));
            }
        }
        return new CopyPlan(items, chown, hashOf(items));
    }

    private static List<Path> expand(SourceRoot root, String source, int line, String keyword) {
        Path base = root.dir().toAbsolutePath().normalize();
        Path candidate = base.resolve(stripLeadingSlash(source)).normalize();
        if (!candidate.startsWith(base)) {
            throw new DockerfileException(line, keyword + " source " + source + " is outside the " + root.description(),
                    "sources are relative to the " + root.description() + "; move the file into it");
        }
        String rel = base.relativize(candidate).toString();
        List<Path> matches = new ArrayList<>();
        if (!rel.matches(".*[*?\\[].*")) {
            if (Files.exists(candidate, NOFOLLOW) && (rel.isEmpty() || !root.ignore().excludes(rel) || Files.isDirectory(candidate))) {
                matches.add(candidate);
            }
        } else {
            List<Path> current = List.of(base);
            for (String part : rel.split("/")) {
                Pattern p = Pattern.compile(DockerIgnore.regex(part));
                List<Path> next = new ArrayList<>();
                for (Path dir : current) {
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (var list = Files.list(dir)) {
                        list.sorted().filter(c -> p.matcher(c.getFileName().toString()).matches()).forEach(next::add);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                current = next;
            }
            for (Path match : current) {
                if (!root.ignore().excludes(base.relativize(match).toString())) {
                    matches.add(match);
                }
            }
        }
        if (matches.isEmpty()) {
            throw new DockerfileException(line, keyword + " source not found: " + source + " in the " + root.description(),
                    "check the path (relative to the " + root.description() + ") and .dockerignore");
        }
        return matches;
    }

    private static Path realInside(SourceRoot root, Path src, int line, String keyword, List<String> sources) {
        try {
            Path real = src.toRealPath();
            Path base = root.dir().toRealPath();
            if (!real.startsWith(base)) {
                throw new DockerfileException(line, keyword + " source " + root.dir().relativize(src)
                        + " reaches outside the " + root.description() + " through a symlink",
                        "copy the target into the " + root.description() + " instead of linking to it");
            }
            return real;
        } catch (IOException e) {
            throw new DockerfileException(line, keyword + " source " + src + " cannot be read: " + e.getMessage(), "check the file");
        }
    }

    /** Adds the contents of {@code dir} below {@code dest}, in name order, skipping ignored paths. */
    private static void walk(SourceRoot root, Path dir, String dest, Owner chown, Integer chmod, List<Item> out) {
        try {
            walk(root, root.dir().toRealPath(), dir, dir, dest, chown, chmod, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(SourceRoot root, Path realBase, Path top, Path dir, String dest, Owner chown, Integer chmod,
                             List<Item> out) throws IOException {
        List<Path> children;
        try (var list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            boolean excluded = root.ignore().excludes(realBase.relativize(child).toString());
            boolean isDir = Files.isDirectory(child, NOFOLLOW);
            if (!excluded) {
                out.add(item(root, child, join(dest, top.relativize(child).toString()), chown, chmod));
            }
            if (isDir && (!excluded || root.ignore().hasExceptions())) {
                walk(root, realBase, top, child, dest, chown, chmod, out);
            }
        }
    }

    private static Item item(SourceRoot root, Path path, String dest, Owner chown, Integer chmod) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,lastModifiedTime", NOFOLLOW);
            int mode = (Integer) a.get("mode");
            int type = mode & 0170000;
            int uid = root.preserveOwners() ? (Integer) a.get("uid") : 0;
            int gid = root.preserveOwners() ? (Integer) a.get("gid") : 0;
            if (chown != null) {
                uid = chown.uid();
                gid = chown.gid();
            }
            long mtime = ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis();
            int perm = chmod != null && type != 0120000 ? chmod : mode & 07777;
            if (type == 0040000) {
                return new Item(Kind.DIR, dest, path, null, perm, uid, gid, mtime, null);
            }
            if (type == 0120000) {
                return new Item(Kind.SYMLINK, dest, path, null, 0777, uid, gid, mtime, Files.readSymbolicLink(path).toString());
            }
            return new Item(Kind.FILE, dest, path, null, perm, uid, gid, mtime, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int owner(Owner chown, int fallback, boolean uid) {
        return chown == null ? fallback : uid ? chown.uid() : chown.gid();
    }

    private static String hashOf(List<Item> items) {
        MessageDigest sha = Digest.newSha256();
        for (Item item : items) {
            String head = item.kind() + " " + item.dest() + " " + Integer.toOctalString(item.mode()) + " " + item.uid()
                    + ":" + item.gid() + " " + (item.linkTarget() == null ? "" : item.linkTarget()) + " ";
            sha.update(head.getBytes(StandardCharsets.UTF_8));
            if (item.content() != null) {
                sha.update(item.content());
            } else if (item.kind() == Kind.FILE || item.kind() == Kind.ARCHIVE) {
                try (InputStream in = Files.newInputStream(item.source())) {
                    byte[] buffer = new byte[65536];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Writes the planned entries (and the parent directories they need) as a layer. */
    void write(LayerTarWriter out, RootfsView rootfs) {
        Set<String> done = new HashSet<>();
        for (Item item : items) {
            parents(item.dest(), out, rootfs, done);
            switch (item.kind()) {
                case DIR -> out.dir(item.dest(), item.mode(), item.uid(), item.gid(), item.mtime());
                case FILE -> out.file(item.dest(), item.source(), item.mode(), item.uid(), item.gid(), item.mtime());
                case CONTENT -> out.file(item.dest(), item.content(), item.mode(), item.uid(), item.gid(), item.mtime());
                case SYMLINK -> out.symlink(item.dest(), item.linkTarget(), item.uid(), item.gid(), item.mtime());
                case ARCHIVE -> extract(item, out, rootfs, done);
            }
            done.add(item.dest());
        }
    }

    /** Writes {@code dir} and its missing or existing parents (keeping existing metadata) as directories. */
    static void directories(String dir, LayerTarWriter out, RootfsView rootfs) {
        new CopyPlan(List.of(), null, "").parents(dir + "/x", out, rootfs, new HashSet<>());
    }

    private void parents(String dest, LayerTarWriter out, RootfsView rootfs, Set<String> done) {
        List<String> chain = new ArrayList<>();
        String p = dest;
        while (p.lastIndexOf('/') > 0) {
            p = p.substring(0, p.lastIndexOf('/'));
            chain.add(0, p);
        }
        for (String dir : chain) {
            if (!done.add(dir)) {
                continue;
            }
            var existing = rootfs.find(dir);
            if (existing.isPresent() && Files.isDirectory(existing.get(), NOFOLLOW)) {
                try {
                    Map<String, Object> a = Files.readAttributes(existing.get(), "unix:mode,uid,gid,lastModifiedTime", NOFOLLOW);
                    out.dir(dir, (Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                            ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.dir(dir, 0755, owner(createdDirOwner, 0, true), owner(createdDirOwner, 0, false), 0);
            }
        }
    }

    private void extract(Item archive, LayerTarWriter out, RootfsView rootfs, Set<String> done) {
        parents(archive.dest() + "/x", out, rootfs, done);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive.source()));
             InputStream in = decompressed(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = DockerIgnore.clean(entry.getName());
                if (name.isEmpty() || entry.getName().contains("..")) {
                    continue;
                }
                String dest = join(archive.dest(), name);
                int uid = (int) entry.getLongUserId();
                int gid = (int) entry.getLongGroupId();
                long mtime = entry.getModTime().getTime();
                if (entry.isDirectory()) {
                    out.dir(dest, entry.getMode(), uid, gid, mtime);
                } else if (entry.isSymbolicLink()) {
                    out.symlink(dest, entry.getLinkName(), uid, gid, mtime);
                } else if (entry.isLink()) {
                    out.hardlink(dest, join(archive.dest(), DockerIgnore.clean(entry.getLinkName())));
                } else if (entry.isFile()) {
                    out.file(dest, tar, entry.getSize(), entry.getMode(), uid, gid, mtime);
                }
                done.add(dest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        try {
            String type = CompressorStreamFactory.detect(raw);
            return new CompressorStreamFactory().createCompressorInputStream(type, raw);
        } catch (CompressorException e) {
            return raw;
        }
    }

    static boolean isArchive(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             InputStream in = decompressed(raw)) {
            byte[] header = in.readNBytes(512);
            return header.length == 512 && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        } catch (IOException e) {
            return false;
        }
    }

    static String join(String dir, String name) {
        if (name.isEmpty()) {
            return dir;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static String stripSlash(String s) {
        String out = s;
        while (out.length() > 1 && out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    private static String stripLeadingSlash(String s) {
        String out = s;
        while (out.startsWith("/")) {
            out = out.substring(1);
        }
        return out;
    }
}
