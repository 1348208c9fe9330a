package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth image save} and {@code berth image load} on the shared fake runtime. */
class ImageCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        SharedFakeRuntimeProvider.reset();
    }

    @Test
    void savedImagesLoadBackWithTheirTags() {
        Path archive = dir.resolve("images.tar");
        Cli.Result save = Cli.raw("--runtime", "fake", "image", "save", "-o", archive.toString(), "busybox:latest");
        assertEquals(0, save.code(), save.err());
        assertTrue(Files.isRegularFile(archive));

        SharedFakeRuntimeProvider.runtime().removeImage(ImageRef.of("busybox:latest"), false);
        assertThrows(NotFoundException.class,
                () -> SharedFakeRuntimeProvider.runtime().inspectImage(ImageRef.of("busybox:latest")));

        Cli.Result load = Cli.raw("--runtime", "fake", "image", "load", "-i", archive.toString());
        assertEquals(0, load.code(), load.err());
        assertTrue(load.out().startsWith("Loaded image: busybox"), load.out());
        SharedFakeRuntimeProvider.runtime().inspectImage(ImageRef.of("busybox:latest"));
    }

    @Test
    void loadWithoutInputIsAUsageError() {
        Cli.Result r = Cli.raw("--runtime", "fake", "image", "load");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--input"), r.err());
    }
}
