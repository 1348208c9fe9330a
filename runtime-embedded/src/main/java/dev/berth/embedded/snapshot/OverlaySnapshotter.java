package dev.berth.embedded.snapshot;

import dev.berth.embedded.util.Command;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One overlayfs root per container under {@code <root>/<id>/{upper,work,merged}}: the image layers are the
 * lowerdirs, {@code upper} holds the container's changes. Mounted with {@code mount(8)}; when all layers share a
 * parent directory the lowerdirs are passed relative to it (as overlay2 does) to keep the option string short.
 */
public final class OverlaySnapshotter {
    private final Path root;

    public OverlaySnapshotter(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path merged(String id) {
        return dir(id).resolve("merged");
    }

    public Path upper(String id) {
        return dir(id).resolve("upper");
    }

    /** Mounts (if not already mounted) the container root and returns it. Layers are given bottom first. */
    public Path mount(String id, List<Path> layersBottomFirst) {
        Path dir = dir(id);
        Path merged = merged(id);
        try {
            Files.createDirectories(upper(id));
            Files.createDirectories(dir.resolve("work"));
            Files.createDirectories(merged);
            if (Mounts.isMountPoint(merged)) {
                return merged;
            }
            List<Path> lowers = new ArrayList<>(layersBottomFirst);
            if (lowers.isEmpty()) {
                lowers.add(Files.createDirectories(dir.resolve("empty")));
            }
            java.util.Collections.reverse(lowers);
            Path common = commonParent(lowers);
            List<String> names = new ArrayList<>();
            for (Path lower : lowers) {
                names.add(common == null ? lower.toAbsolutePath().toString() : common.relativize(lower).toString());
            }
            String options = "lowerdir=" + String.join(":", names) + ",upperdir=" + upper(id).toAbsolutePath()
                    + ",workdir=" + dir.resolve("work").toAbsolutePath();
            Command.Result result = Command.run(List.of("mount", "-t", "overlay", "overlay", "-o", options,
                    merged.toAbsolutePath().toString()), common);
            if (!result.ok()) {
                throw new SnapshotException("cannot mount the root file system of " + id + ": " + result.stderr()
                        + " (overlayfs needs root and a kernel with overlay support)");
            }
            return merged;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unmounts the container root (and anything a failed runtime left below it). */
    public void unmount(String id) {
        List<Path> mounted = new ArrayList<>(Mounts.mountsUnder(dir(id)));
        java.util.Collections.reverse(mounted);
        for (Path point : mounted) {
            Command.Result result = Command.run(List.of("umount", point.toString()));
            if (!result.ok() && Mounts.isMountPoint(point)) {
                Command.Result lazy = Command.run(List.of("umount", "-l", point.toString()));
                if (!lazy.ok()) {
                    throw new SnapshotException("cannot unmount " + point + ": " + result.stderr());
                }
            }
        }
    }

    /** Unmounts and deletes everything of the container's snapshot. Refuses to delete while anything is mounted. */
    public void remove(String id) {
        unmount(id);
        if (!Mounts.mountsUnder(dir(id)).isEmpty()) {
            throw new SnapshotException("refusing to delete " + dir(id) + ": something is still mounted below it");
        }
        Files2.deleteTree(dir(id));
    }

    public boolean exists(String id) {
        return Files.isDirectory(dir(id));
    }

    private Path dir(String id) {
        if (!id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("invalid snapshot id '" + id + "'");
        }
        return root.resolve(id);
    }

    private static Path commonParent(List<Path> lowers) {
        Path parent = lowers.get(0).toAbsolutePath().getParent();
        for (Path lower : lowers) {
            if (!parent.equals(lower.toAbsolutePath().getParent())) {
                return null;
            }
        }
        return parent;
    }
}
