package dev.berth.embedded.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves slash-separated names inside a root directory without ever leaving it: {@code ..} and absolute names
 * are refused, and symlinks met on the way are resolved lexically against the root. Symlinks that leave the root
 * are refused ({@link Links#REFUSE_ESCAPES}, for extraction) or re-rooted ({@link Links#SCOPED}, for reading files of
 * a container root file system the way the container would see them).
 */
public final class ScopedPath {
    private static final int MAX_LINKS = 40;

    /** What to do with symlinks whose target is absolute or climbs above the root. */
    public enum Links { REFUSE_ESCAPES, SCOPED }

    private ScopedPath() {
    }

    /** Splits and checks an archive entry name; {@code ./} prefixes and trailing slashes are dropped. */
    public static List<String> components(String name) {
        if (name.startsWith("/")) {
            throw new UnsafeArchiveException(name, "absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new UnsafeArchiveException(name, "path contains '..'");
            }
            parts.add(part);
        }
        return parts;
    }

    /**
     * Resolves all components, following symlinks in every component. With {@code createDirs}, missing
     * directories are created (mode 0755).
     */
    public static Path resolve(Path root, List<String> parts, Links links, boolean createDirs) {
        return walk(root, parts, links, createDirs, 0, String.join("/", parts));
    }

    /** Resolves an absolute container path such as {@code /etc/passwd} inside a root file system (links scoped). */
    public static Path resolveInRootfs(Path rootfs, String absolutePath) {
        List<String> parts = new ArrayList<>();
        for (String part : absolutePath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        return walk(rootfs, parts, Links.SCOPED, false, 0, absolutePath);
    }

    private static Path walk(Path root, List<String> parts, Links links, boolean createDirs, int depth, String name) {
        if (depth > MAX_LINKS) {
            throw new UnsafeArchiveException(name, "too many levels of symbolic links");
        }
        Path current = root;
        for (int i = 0; i < parts.size(); i++) {
            Path next = current.resolve(parts.get(i));
            if (Files.isSymbolicLink(next)) {
                List<String> rest = new ArrayList<>(linkTarget(root, current, next, links, name));
                rest.addAll(parts.subList(i + 1, parts.size()));
                return walk(root, rest, links, createDirs, depth + 1, name);
            }
            boolean last = i == parts.size() - 1;
            if (createDirs && !Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(next);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (!last && createDirs && !Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeArchiveException(name, "'" + root.relativize(next) + "' is not a directory");
            }
            current = next;
        }
        return current;
    }

    private static List<String> linkTarget(Path root, Path dir, Path link, Links links, String name) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> base = new ArrayList<>();
        if (!target.startsWith("/")) {
            for (Path p : root.relativize(dir)) {
                if (!p.toString().isEmpty()) {
                    base.add(p.toString());
                }
            }
        } else if (links == Links.REFUSE_ESCAPES) {
            throw new UnsafeArchiveException(name, "goes through symlink '" + root.relativize(link) + "' -> '" + target
                    + "' that points outside the layer");
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (base.isEmpty()) {
                    if (links == Links.REFUSE_ESCAPES) {
                        throw new UnsafeArchiveException(name, "goes through symlink '" + root.relativize(link) + "' -> '"
                                + target + "' that points outside the layer");
                    }
                    continue;
                }
                base.remove(base.size() - 1);
                continue;
            }
            base.add(part);
        }
        return base;
    }
}
