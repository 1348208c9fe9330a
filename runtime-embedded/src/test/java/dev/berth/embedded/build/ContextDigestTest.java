package dev.berth.embedded.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextDigestTest {
    @Test
    void changesWithContentButNotWithIgnoredFilesOrMtimes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/a.txt"), "a");
        Files.writeString(dir.resolve("debug.log"), "1");
        DockerIgnore ignore = DockerIgnore.parse("*.log\n");
        String first = ContextDigest.of(dir, ignore);
        Files.writeString(dir.resolve("debug.log"), "2");
        Files.setLastModifiedTime(dir.resolve("src/a.txt"), FileTime.fromMillis(0));
        assertEquals(first, ContextDigest.of(dir, ignore));
        Files.writeString(dir.resolve("src/a.txt"), "b");
        assertNotEquals(first, ContextDigest.of(dir, ignore));
    }
}
