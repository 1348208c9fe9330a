package dev.berth.embedded.build;

import dev.berth.embedded.util.Command;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A read-only view of an image's root file system for {@code COPY --from}: the layer itself when there is one,
 * a read-only overlay mount of all layers otherwise (unmounted on close).
 */
final class StageRoot implements AutoCloseable {
    private final Path root;
    private final Path mountPoint;

    private StageRoot(Path root, Path mountPoint) {
        this.root = root;
        this.mountPoint = mountPoint;
    }

    static StageRoot open(List<Path> layersBottomFirst, Path workDir) {
        try {
            if (layersBottomFirst.isEmpty()) {
                Path empty = Files.createTempDirectory(workDir, "empty");
                return new StageRoot(empty, empty);
            }
            if (layersBottomFirst.size() == 1) {
                return new StageRoot(layersBottomFirst.get(0), null);
            }
            Path point = Files.createTempDirectory(workDir, "from");
            List<Path> lowers = new ArrayList<>(layersBottomFirst);
            Collections.reverse(lowers);
            Path parent = lowers.get(0).getParent();
            boolean shared = lowers.stream().allMatch(p -> p.getParent().equals(parent));
            List<String> names = lowers.stream().map(p -> shared ? p.getFileName().toString() : p.toString()).toList();
            Command.Result result = Command.run(List.of("mount", "-t", "overlay", "overlay", "-o", "ro,lowerdir="
                    + String.join(":", names), point.toString()), shared ? parent : null);
            if (!result.ok()) {
                Files2.deleteTree(point);
                throw new IllegalStateException("cannot mount the stage's file system for COPY --from: " + result.stderr());
            }
            return new StageRoot(point, point);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public void close() {
        if (mountPoint == null) {
            return;
        }
        if (isMounted()) {
            Command.run(List.of("umount", mountPoint.toString()));
        }
        if (isMounted()) {
            Command.run(List.of("umount", "-l", mountPoint.toString()));
        }
        if (!isMounted()) {
            Files2.deleteTree(mountPoint);
        }
    }

    private boolean isMounted() {
        return dev.berth.embedded.snapshot.Mounts.isMountPoint(mountPoint);
    }
}
