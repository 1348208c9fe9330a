package dev.berth.embedded.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerRootTest {
    private final ContainerRoot root = new ContainerRoot("c", Path.of("/srv/rootfs"), List.of());

    @Test
    void pathsAreLocatedInsideTheRootWhateverTheirSpelling() {
        assertEquals(Path.of("/srv/rootfs/run"), root.locate("//run").host());
        assertEquals(Path.of("/srv/rootfs/run/secrets"), root.locate("/run/./secrets/").host());
        assertEquals(Path.of("/srv/rootfs"), root.locate("/").host());
        assertEquals(Path.of("/srv/rootfs"), root.locate("").host());
    }

    @Test
    void aParentComponentIsRefusedRatherThanLocated() {
        assertThrows(IllegalArgumentException.class, () -> root.locate("/../etc"));
        assertThrows(IllegalArgumentException.class, () -> root.locate("/a/../../etc"));
    }
}
