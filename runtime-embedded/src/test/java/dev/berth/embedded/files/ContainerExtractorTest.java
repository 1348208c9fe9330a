package dev.berth.embedded.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerExtractorTest {
    @TempDir
    Path rootfs;

    private ContainerRoot root() {
        return new ContainerRoot("c1", rootfs, List.of());
    }

    /** A tar with one file {@code name} (content "x", mode 0640) owned by uid/gid. */
    private static ByteArrayInputStream fileArchive(String name, int uid, int gid) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(1);
            e.setMode(0100640);
            e.setUserId(uid);
            e.setGroupId(gid);
            tar.putArchiveEntry(e);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    @Test
    void missingDirectoriesBelowTheTargetAreCreatedInsideTheRoot() throws IOException {
        // "/" as the target: the parents of run/berth-test-... must be made in the rootfs, never looked up on the host
        String unique = "berth-extract-" + System.nanoTime();
        ContainerExtractor.extract(root(), "/", fileArchive("run/" + unique + "/token", 0, 0));
        Path token = rootfs.resolve("run/" + unique + "/token");
        assertEquals("x", Files.readString(token, StandardCharsets.UTF_8));
        assertEquals(0755, (Integer) Files.getAttribute(token.getParent(), "unix:mode") & 07777);
        assertFalse(Files.exists(Path.of("/run", unique)), "nothing was created on the host");
    }

    @Test
    void entriesKeepTheirOwnerAndMode() throws IOException {
        ContainerExtractor.extract(root(), "/", fileArchive("app.conf", 1000, 1001));
        Path conf = rootfs.resolve("app.conf");
        assertEquals(1000, (Integer) Files.getAttribute(conf, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(1001, (Integer) Files.getAttribute(conf, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(0640, (Integer) Files.getAttribute(conf, "unix:mode") & 07777);
    }

    @Test
    void aMissingTargetIsRefusedAndAnEntryBelowAFileCannotBePlaced() throws IOException {
        assertThrows(ContainerPathException.class,
                () -> ContainerExtractor.extract(root(), "/no/such/dir", fileArchive("f", 0, 0)));
        Files.writeString(rootfs.resolve("plain"), "file");
        assertThrows(ContainerPathException.class,
                () -> ContainerExtractor.extract(root(), "/", fileArchive("plain/inner", 0, 0)));
        assertTrue(Files.isRegularFile(rootfs.resolve("plain")));
    }
}
