package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeSubpathTest {
    @TempDir
    Path temp;

    @Test
    void aDirectoryInsideTheVolumeResolves() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.createDirectories(data.resolve("app/conf"));
        assertEquals(data.resolve("app/conf"), VolumeSubpath.resolve("v", data, "app/conf"));
        assertEquals(data.resolve("app/conf"), VolumeSubpath.resolve("v", data, "./app//conf/"));
    }

    @Test
    void escapesAreRefused() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(data.resolve("link"), temp.resolve("outside"));
        assertThrows(IllegalArgumentException.class, () -> VolumeSubpath.resolve("v", data, "/etc"));
        assertThrows(IllegalArgumentException.class, () -> VolumeSubpath.resolve("v", data, "../outside"));
        String message = assertThrows(IllegalArgumentException.class,
                () -> VolumeSubpath.resolve("v", data, "link")).getMessage();
        assertTrue(message.contains("symbolic link"), message);
    }

    @Test
    void aMissingSubpathIsNamed() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        String message = assertThrows(NotFoundException.class, () -> VolumeSubpath.resolve("v", data, "nope/x"))
                .getMessage();
        assertTrue(message.contains(data.resolve("nope").toString()) && message.contains("no such file"), message);
    }
}
