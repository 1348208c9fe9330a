package dev.berth.embedded.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;


/**
 * Docker's copy-up of a named or anonymous volume: when a volume is mounted for the first time and is empty, the
 * image's content at the mount target is copied into it. Layers are applied bottom first; overlay whiteouts
 * (0/0 character devices) delete what lower layers put there; a target path that crosses a symlink in a layer is
 * skipped (never followed out of the layer).
 */
final class ImageContentCopier {
    private ImageContentCopier() {
    }

    /** Copies {@code target}'s content from the image layers into {@code data} if {@code data} is empty. */
    static void copyIfEmpty(List<Path> layers, String target, Path data) {
        try {
            try (var entries = Files.list(data)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Path relative = Path.of("/").relativize(Path.of(target).normalize());
            for (Path layer : layers) {
                Path source = inside(layer, relative);
                if (source != null && Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    copyTree(source, data);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy image content into volume " + data, e);
        }
    }

    /** The path in the layer, or null if any of its parents is a symlink or not there. */
    private static Path inside(Path layer, Path relative) {
        Path p = layer;
        for (Path part : relative) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
        }
        return p;
    }

    private static boolean whiteout(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000
                && ((Number) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue() == 0;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path dest = to.resolve(from.relativize(dir).toString());
                if (!dir.equals(from)) {
                    if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(dest);
                    }
                    if (!Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(dir, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                } else {
                    Files.setAttribute(dest, "posix:permissions", Files.getAttribute(dir, "posix:permissions"));
                    Files.setAttribute(dest, "unix:uid", Files.getAttribute(dir, "unix:uid"));
                    Files.setAttribute(dest, "unix:gid", Files.getAttribute(dir, "unix:gid"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path dest = to.resolve(from.relativize(file).toString());
                if (whiteout(file)) {
                    dev.berth.embedded.util.Files2.deleteTree(dest);
                    return FileVisitResult.CONTINUE;
                }
                if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                    dev.berth.embedded.util.Files2.deleteTree(dest);
                }
                Files.copy(file, dest, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
