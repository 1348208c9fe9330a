package dev.berth.daemon.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.util.Files2;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContextExtractorTest {
    private Path temp;
    private Path target;

    @BeforeEach
    void dirs() throws IOException {
        temp = Files.createTempDirectory("berth-context-test");
        target = Files.createDirectory(temp.resolve("context"));
    }

    @AfterEach
    void clean() {
        Files2.deleteTree(temp);
    }

    /** Builds a tar; each entry is {name, type, content-or-link-target, mode}. */
    private static byte[] tar(Object[]... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Object[] e : entries) {
                String name = (String) e[0];
                byte type = (Byte) e[1];
                TarArchiveEntry entry = new TarArchiveEntry(name, type);
                if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
                    entry.setLinkName((String) e[2]);
                }
                entry.setMode((Integer) e[3]);
                byte[] content = type == TarConstants.LF_NORMAL ? ((String) e[2]).getBytes(StandardCharsets.UTF_8)
                        : new byte[0];
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Object[] file(String name, String content, int mode) {
        return new Object[] {name, TarConstants.LF_NORMAL, content, mode};
    }

    private static Object[] symlink(String name, String to) {
        return new Object[] {name, TarConstants.LF_SYMLINK, to, 0777};
    }

    @Test
    void unpacksFilesDirectoriesLinksAndModes() throws IOException {
        byte[] archive = tar(new Object[] {"src/", TarConstants.LF_DIR, "", 0755},
                file("Dockerfile", "FROM scratch\n", 0644), file("src/run.sh", "echo hi\n", 0755),
                symlink("src/link", "../Dockerfile"), new Object[] {"src/hard", TarConstants.LF_LINK, "src/run.sh", 0755},
                file("deep/er/file", "x", 0600));

        ContextExtractor.extract(new ByteArrayInputStream(archive), target);

        assertEquals("FROM scratch\n", Files.readString(target.resolve("Dockerfile")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                target.resolve("src/run.sh"))));
        assertEquals(Path.of("../Dockerfile"), Files.readSymbolicLink(target.resolve("src/link")));
        assertEquals("echo hi\n", Files.readString(target.resolve("src/hard")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                target.resolve("deep/er/file"))));
    }

    @Test
    void unpacksGzipCompressedArchives() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar(file("Dockerfile", "FROM scratch\n", 0644)));
        }

        ContextExtractor.extract(new ByteArrayInputStream(gz.toByteArray()), target);

        assertEquals("FROM scratch\n", Files.readString(target.resolve("Dockerfile")));
    }

    @Test
    void refusesEntriesClimbingOut() throws IOException {
        byte[] archive = tar(file("a/../../escaped", "x", 0644));

        assertThrows(ContextExtractor.BadContextException.class,
                () -> ContextExtractor.extract(new ByteArrayInputStream(archive), target));
        assertFalse(Files.exists(temp.resolve("escaped")));
    }

    @Test
    void refusesWritingThroughASymbolicLink() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        byte[] archive = tar(symlink("out", outside.toString()), file("out/planted", "x", 0644));

        ContextExtractor.BadContextException e = assertThrows(ContextExtractor.BadContextException.class,
                () -> ContextExtractor.extract(new ByteArrayInputStream(archive), target));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("planted")));
    }

    @Test
    void refusesHardLinksToFilesOutsideTheArchive() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret"), "s");
        byte[] archive = tar(new Object[] {"copy", TarConstants.LF_LINK, "../secret", 0644});

        assertThrows(ContextExtractor.BadContextException.class,
                () -> ContextExtractor.extract(new ByteArrayInputStream(archive), target));
        assertFalse(Files.exists(target.resolve("copy")));
        assertEquals("s", Files.readString(secret));
    }

    @Test
    void replacesASymbolicLinkByALaterFileInsteadOfWritingThroughIt() throws IOException {
        Path victim = Files.writeString(temp.resolve("victim"), "original");
        byte[] archive = tar(symlink("f", victim.toString()), file("f", "new", 0644));

        ContextExtractor.extract(new ByteArrayInputStream(archive), target);

        assertEquals("original", Files.readString(victim));
        assertEquals("new", Files.readString(target.resolve("f")));
        assertFalse(Files.isSymbolicLink(target.resolve("f")));
    }
}
