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
 * lowerdirs, {@code upper} holds the container's changes. Mounted with {@code mount(2)} through JNA when the
 * option string fits in a page; otherwise with {@code mount(8)}, the lowerdirs relative to their common parent (as
 * overlay2 does) to keep the option string short.
 */
public final class OverlaySnapshotter {
    /** mount(2) copies at most one page of options; longer lowerdir lists go through mount(8) with relative paths. */
    private static final int MAX_SYSCALL_OPTIONS = 4000;
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
            String absolute = "lowerdir=" + String.join(":", lowers.stream().map(p -> p.toAbsolutePath().toString())
                    .toList()) + ",upperdir=" + upper(id).toAbsolutePath() + ",workdir="
                    + dir.resolve("work").toAbsolutePath();
            if (absolute.length() < MAX_SYSCALL_OPTIONS && MountSyscalls.available()) {
                try {
                    MountSyscalls.mountOverlay(absolute, merged.toAbsolutePath().toString());
                    return merged;
                } catch (com.sun.jna.LastErrorException e) {
                    throw new SnapshotException("cannot mount the root file system of " + id + ": "
                            + MountSyscalls.describe(e) + " (overlayfs needs root and a kernel with overlay support)");
                }
            }
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
            if (MountSyscalls.available() && unmountedBySyscall(point)) {
                continue;
            }
            Command.Result result = Command.run(List.of("umount", point.toString()));
            if (!result.ok() && Mounts.isMountPoint(point)) {
                Command.Result lazy = Command.run(List.of("umount", "-l", point.toString()));
                if (!lazy.ok()) {
                    throw new SnapshotException("cannot unmount " + point + ": " + result.stderr());
                }
            }
        }
    }

    private static boolean unmountedBySyscall(Path point) {
        try {
            MountSyscalls.unmount(point.toString(), false);
            return true;
        } catch (com.sun.jna.LastErrorException e) {
            try {
                MountSyscalls.unmount(point.toString(), true);
                return true;
            } catch (com.sun.jna.LastErrorException lazy) {
                return !Mounts.isMountPoint(point);
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
