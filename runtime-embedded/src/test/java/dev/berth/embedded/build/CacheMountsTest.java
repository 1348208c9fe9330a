package dev.berth.embedded.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache-mount directories: created once with their mode, held while a step runs, removable only when free. */
class CacheMountsTest {
    @TempDir
    Path root;

    @Test
    void aHeldDirectoryIsNeitherListedNorRemovedAndIsFreeAfterTheLease() throws Exception {
        CacheMounts builder = new CacheMounts(root);
        CacheMounts pruner = new CacheMounts(root);
        CacheMounts.CacheMount listed;
        try (CacheMounts.Lease lease = builder.lease("/root/.cache", 0700, 0, 0)) {
            assertEquals(root.resolve("build/mounts/_root_.cache"), lease.path());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lease.path())));
            Files.writeString(lease.path().resolve("f"), "12345");
            assertEquals(List.of(), pruner.unused(), "a held directory is in use");
            listed = new CacheMounts.CacheMount("_root_.cache", 5, java.time.Instant.EPOCH);
            assertFalse(pruner.remove(listed), "a held directory stays");
        }
        List<CacheMounts.CacheMount> free = pruner.unused();
        assertEquals(1, free.size());
        assertEquals("_root_.cache", free.get(0).name());
        assertEquals(5, free.get(0).size());
        assertTrue(pruner.remove(free.get(0)));
        assertFalse(Files.exists(root.resolve("build/mounts/_root_.cache")));
    }

    @Test
    void twoStepsShareOneDirectoryAndItStaysHeldUntilBothEnd() throws Exception {
        CacheMounts mounts = new CacheMounts(root);
        CacheMounts.Lease first = mounts.lease("shared", 0755, 0, 0);
        CacheMounts.Lease second = mounts.lease("shared", 0755, 0, 0);
        first.close();
        first.close();
        assertEquals(List.of(), mounts.unused(), "the second step still holds it");
        second.close();
        assertEquals(1, mounts.unused().size());
    }
}
