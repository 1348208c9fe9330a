package dev.berth.embedded.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The parent cgroup under which every container of the engine runs ({@code /berth/<id>}), in each hierarchy of
 * cgroup v1 and in the unified v2 tree. runc creates it on demand; it is removed when the last container goes.
 */
public final class CgroupParent {

    public static final String NAME = "berth";

    private final Path cgroupRoot;

    public CgroupParent(Path cgroupRoot) {
        this.cgroupRoot = cgroupRoot;
    }

    public static CgroupParent host() {
        return new CgroupParent(Path.of("/sys/fs/cgroup"));
    }

    /** The {@code cgroupsPath} of a container's OCI spec. */
    public static String pathOf(String containerId) {
        return "/" + NAME + "/" + containerId;
    }

    /**
     * Removes the parent in every hierarchy where it is empty; where another engine's container still uses it,
     * the kernel refuses the removal and it stays.
     */
    public void removeIfEmpty() {
        for (Path dir : candidates()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException stillInUse) {
                // a container of another engine on this host still runs under it
            }
        }
    }

    private List<Path> candidates() {
        List<Path> dirs = new ArrayList<>(List.of(cgroupRoot.resolve(NAME)));
        if (Files.isDirectory(cgroupRoot)) {
            try (Stream<Path> hierarchies = Files.list(cgroupRoot)) {
                hierarchies.map(h -> h.resolve(NAME)).filter(Files::isDirectory).forEach(dirs::add);
            } catch (IOException e) {
                // no cgroup file system: nothing to remove
            }
        }
        return dirs;
    }
}
