package dev.berth.embedded.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.ImageWriter;
import dev.berth.embedded.testing.TarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlaySnapshotterTest {
    @TempDir
    Path temp;
    OverlaySnapshotter snapshots;

    @AfterEach
    void cleanUp() {
        if (snapshots != null) {
            snapshots.unmount("c1");
        }
    }

    @Test
    void mergesLayersHonouringWhiteoutsAndRemovesEverything() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "overlay mounts need root");
        ImageStore store = ImageStore.open(temp.resolve("images"));
        Path l1 = new TarBuilder().dir("etc", 0755).file("etc/a", "a", 0644).file("etc/b", "b", 0644)
                .dir("opaque", 0755).file("opaque/old", "o", 0644).writeTo(temp.resolve("1.tar"));
        Path l2 = new TarBuilder().dir("etc", 0755).file("etc/.wh.a", "", 0644).file("etc/b", "b2", 0644)
                .dir("opaque", 0755).file("opaque/.wh..wh..opq", "", 0644).file("opaque/new", "n", 0644)
                .writeTo(temp.resolve("2.tar"));
        Image image = new ImageWriter(store).commit("t", ImageConfig.Defaults.EMPTY, List.of(l1, l2));
        snapshots = new OverlaySnapshotter(temp.resolve("snapshots"));

        Path root = snapshots.mount("c1", store.layerDirs(image));
        assertTrue(Mounts.isMountPoint(root));
        assertEquals(root, snapshots.mount("c1", store.layerDirs(image)), "mounting twice is a no-op");
        assertFalse(Files.exists(root.resolve("etc/a")));
        assertEquals("b2", Files.readString(root.resolve("etc/b")));
        assertEquals(List.of("new"), Files.list(root.resolve("opaque")).map(p -> p.getFileName().toString()).toList());
        Files.writeString(root.resolve("etc/c"), "container");
        assertEquals("container", Files.readString(snapshots.upper("c1").resolve("etc/c")));
        assertFalse(Files.exists(store.layerDirs(image).get(1).resolve("etc/c")));

        snapshots.remove("c1");
        assertFalse(Mounts.isMountPoint(root));
        assertFalse(Files.exists(temp.resolve("snapshots/c1")));
        assertEquals("b2", Files.readString(store.layerDirs(image).get(1).resolve("etc/b")), "layers are untouched");
    }
}
