package dev.berth.embedded.spi;

import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.util.Files2;
import dev.berth.runtime.InjectedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Host copies of the {@link InjectedFile}s of containers, under {@code <root>/injected/<set>/<n>}: one directory per
 * container, written before the container is created (its id, and so its state directory, does not exist yet) and
 * bound read-only at each file's target. The file gets the requested owner and permission bits, so the container
 * sees them as given. {@link #delete} removes a container's directory once the container is gone.
 */
final class InjectedFileStore {
    private final Path root;

    InjectedFileStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** Writes {@code file} as file {@code index} of the set {@code set}; returns its host path. */
    Path write(String set, int index, InjectedFile file) {
        Path dir = root.resolve(set);
        Path path = dir.resolve(Integer.toString(index));
        try {
            Files.createDirectories(dir);
            Files.write(path, file.bytes());
            Files.setAttribute(path, "unix:uid", file.uid());
            Files.setAttribute(path, "unix:gid", file.gid());
            Files.setAttribute(path, "unix:mode", file.mode());
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the file injected at " + file.target() + " to " + path, e);
        }
    }

    /** Removes the set {@code set} (after a failed create). */
    void delete(String set) {
        Files2.deleteTree(root.resolve(set));
    }

    /** Whether {@code hostPath} is an injected file rather than a bind or volume the user asked for. */
    boolean holds(String hostPath) {
        return Path.of(hostPath).startsWith(root);
    }

    /** Removes the injected files bound into a container with {@code config}. */
    void delete(ContainerConfig config) {
        config.binds().stream().map(ContainerConfig.BindMount::source).filter(this::holds)
                .map(s -> Path.of(s).getParent()).distinct().forEach(Files2::deleteTree);
    }
}
