package dev.berth.engine.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction onto the host stays inside its directory and writes nothing when one entry breaks a rule. */
class HostExtractorTest {
    @TempDir
    Path dir;

    private static final EntryNaming KEEP = new EntryNaming.Rename("top", "top");

    @Test
    void keepsModesLinksAndRenamesTheTop() throws IOException {
        byte[] tar = tar(t -> {
            dirEntry(t, "top/", 0700);
            file(t, "top/run.sh", "echo hi\n", 0750);
            symlink(t, "top/latest", "run.sh");
        });
        HostExtractor.extract(new ByteArrayInputStream(tar), dir, new EntryNaming.Rename("top", "renamed"));
        assertEquals("echo hi\n", Files.readString(dir.resolve("renamed/run.sh")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("renamed/run.sh"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("renamed"))));
        assertEquals(Path.of("run.sh"), Files.readSymbolicLink(dir.resolve("renamed/latest")));
    }

    @Test
    void refusesEntriesThatClimbOutOrAreAbsolute() throws IOException {
        byte[] climbing = tar(t -> {
            file(t, "top/ok.txt", "fine", 0644);
            file(t, "top/../../evil.txt", "evil", 0644);
        });
        CopyException e = assertThrows(CopyException.class,
                () -> HostExtractor.extract(new ByteArrayInputStream(climbing), dir, KEEP));
        assertTrue(e.getMessage().contains("climbs out"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("top/ok.txt")), "nothing is written when an entry is refused");
        assertFalse(Files.exists(dir.getParent().resolve("evil.txt")));

        byte[] absolute = tar(t -> file(t, "/etc/evil", "evil", 0644));
        assertThrows(CopyException.class, () -> HostExtractor.extract(new ByteArrayInputStream(absolute), dir,
                KEEP));
    }

    @Test
    void refusesToWriteThroughALink() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path into = Files.createDirectories(dir.resolve("into"));
        byte[] tar = tar(t -> {
            symlink(t, "top", outside.toString());
            file(t, "top/planted.txt", "evil", 0644);
        });
        CopyException e = assertThrows(CopyException.class,
                () -> HostExtractor.extract(new ByteArrayInputStream(tar), into, KEEP));
        assertTrue(e.getMessage().contains("through the symbolic link"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("planted.txt")));

        Files.createSymbolicLink(into.resolve("top"), outside);
        byte[] plain = tar(t -> file(t, "top/planted.txt", "evil", 0644));
        assertThrows(CopyException.class, () -> HostExtractor.extract(new ByteArrayInputStream(plain), into, KEEP));
        assertFalse(Files.exists(outside.resolve("planted.txt")));
    }

    @Test
    void refusesToReplaceADirectoryWithAFile() throws IOException {
        Files.createDirectories(dir.resolve("top"));
        byte[] tar = tar(t -> file(t, "top", "a file", 0644));
        CopyException e = assertThrows(CopyException.class,
                () -> HostExtractor.extract(new ByteArrayInputStream(tar), dir, KEEP));
        assertTrue(e.getMessage().contains("cannot replace the directory"), e.getMessage());
    }

    private interface Writer {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    private static byte[] tar(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            writer.write(t);
        }
        return bytes.toByteArray();
    }

    private static void dirEntry(TarArchiveOutputStream t, String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040000 | mode);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream t, String name, String content, int mode) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        e.setMode(0100000 | mode);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream t, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }
}
