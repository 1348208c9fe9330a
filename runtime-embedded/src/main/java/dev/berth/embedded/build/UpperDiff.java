package dev.berth.embedded.build;

import dev.berth.embedded.util.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns an overlayfs upper directory into a layer tar: whiteout devices become {@code .wh.} entries, opaque
 * directories get {@code .wh..wh..opq}, hard links stay links. Empty mount points the runtime created (/proc, /sys,
 * /dev, /etc/hosts, mount targets) are left out when the lower layers did not have them.
 */
final class UpperDiff {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private final Path upper;
    private final RootfsView lower;
    private final Set<String> artifacts = new HashSet<>();
    private final Set<String> artifactParents = new HashSet<>();
    private final Set<String> opaque;
    private final Map<Object, String> links = new HashMap<>();
    private LayerTarWriter writer;

    UpperDiff(Path upper, RootfsView lower, List<String> mountTargets) {
        this.upper = upper;
        this.lower = lower;
        List<String> all = new ArrayList<>(List.of("proc", "sys", "dev", "dev/shm", "dev/pts", "dev/mqueue",
                "etc/hosts", "etc/hostname", "etc/resolv.conf", "run/secrets"));
        mountTargets.forEach(t -> all.add(DockerIgnore.clean(t)));
        for (String a : all) {
            artifacts.add(a);
            for (int slash = a.indexOf('/'); slash > 0; slash = a.indexOf('/', slash + 1)) {
                artifactParents.add(a.substring(0, slash));
            }
        }
        this.opaque = opaqueDirs(upper);
    }

    /** Writes the diff; returns the number of entries (0 = the step changed nothing). */
    int writeTo(LayerTarWriter out) {
        this.writer = out;
        List<Runnable> entries = new ArrayList<>();
        try {
            collect(upper, "", entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.forEach(Runnable::run);
        return entries.size();
    }

    /** Returns true when anything at or below {@code path} was included. */
    private boolean collect(Path dir, String rel, List<Runnable> out) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        boolean any = false;
        for (Path child : children) {
            String name = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
            Map<String, Object> attrs = Files.readAttributes(child, "unix:mode,uid,gid,rdev,ino,dev,nlink,lastModifiedTime,size", NOFOLLOW);
            int mode = (Integer) attrs.get("mode");
            int uid = (Integer) attrs.get("uid");
            int gid = (Integer) attrs.get("gid");
            long mtime = ((java.nio.file.attribute.FileTime) attrs.get("lastModifiedTime")).toMillis();
            int type = mode & 0170000;
            boolean newPath = lower.find("/" + name).isEmpty();
            if (type == 0020000 && (Long) attrs.get("rdev") == 0) {
                if (!newPath) {
                    out.add(() -> writer.whiteout(name));
                }
                any |= !newPath;
                continue;
            }
            if (type == 0040000) {
                int position = out.size();
                boolean isOpaque = opaque.contains(name);
                out.add(null);
                boolean inner = collect(child, name, out);
                boolean dropped = newPath && !inner && !isOpaque && (artifacts.contains(name) || artifactParents.contains(name));
                if (dropped) {
                    out.remove(position);
                } else {
                    out.set(position, () -> {
                        writer.dir(name, mode, uid, gid, mtime);
                        if (isOpaque) {
                            writer.opaque(name);
                        }
                    });
                    any = true;
                }
                continue;
            }
            if (newPath && artifacts.contains(name) && (Long) attrs.get("size") == 0) {
                continue;
            }
            if (type == 0120000) {
                String target = Files.readSymbolicLink(child).toString();
                out.add(() -> writer.symlink(name, target, uid, gid, mtime));
            } else if (type == 0100000) {
                Object key = List.of(attrs.get("dev"), attrs.get("ino"));
                String first = (Integer) attrs.get("nlink") > 1 ? links.putIfAbsent(key, name) : null;
                if (first != null) {
                    out.add(() -> writer.hardlink(name, first));
                } else {
                    out.add(() -> writer.file(name, child, mode, uid, gid, mtime));
                }
            } else {
                continue;
            }
            any = true;
        }
        return any;
    }

    private static Set<String> opaqueDirs(Path upper) {
        Set<String> dirs = new HashSet<>();
        Command.Result result = Command.run(List.of("getfattr", "-R", "--absolute-names", "-m", "trusted.overlay.opaque",
                "-d", upper.toString()));
        String current = null;
        for (String line : result.stdout().split("\n")) {
            if (line.startsWith("# file: ")) {
                current = line.substring(8);
            } else if (current != null && line.startsWith("trusted.overlay.opaque=\"y\"")) {
                Path p = Path.of(current);
                if (p.startsWith(upper) && !p.equals(upper)) {
                    dirs.add(upper.relativize(p).toString());
                }
            }
        }
        return dirs;
    }
}
