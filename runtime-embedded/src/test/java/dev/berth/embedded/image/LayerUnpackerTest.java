package dev.berth.embedded.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    @TempDir
    Path temp;
    Path layer;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        layer = Files.createDirectory(temp.resolve("layer"));
        outside = Files.createDirectory(temp.resolve("outside"));
    }

    private Digest unpack(TarBuilder tar) {
        return new LayerUnpacker(ROOT, ROOT).unpack(new ByteArrayInputStream(tar.bytes()), layer);
    }

    @Test
    void gzipAndZstdLayersUnpackToTheDiffIdOfTheirTar() throws IOException {
        TarBuilder tar = new TarBuilder().dir("etc", 0755).file("etc/greeting", "hello\n", 0644);
        byte[] plain = tar.bytes();
        java.io.ByteArrayOutputStream gzip = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gzip)) {
            out.write(plain);
        }
        byte[] zstd = com.github.luben.zstd.Zstd.compress(plain);
        Path zstdLayer = Files.createDirectory(temp.resolve("zstd"));
        assertEquals(Digest.of(plain), new LayerUnpacker(ROOT, ROOT).unpack(new ByteArrayInputStream(gzip.toByteArray()), layer));
        assertEquals(Digest.of(plain), new LayerUnpacker(ROOT, ROOT).unpack(new ByteArrayInputStream(zstd), zstdLayer));
        assertEquals("hello\n", Files.readString(zstdLayer.resolve("etc/greeting")));
    }

    @Test
    void keepsModesTimesLinksAndReturnsTheDiffId() throws IOException {
        TarBuilder tar = new TarBuilder().dir("usr", 0755).dir("usr/bin", 0700)
                .file("usr/bin/tool", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 04755, 1000, 2000)
                .symlink("usr/bin/alias", "tool").hardlink("usr/bin/copy", "usr/bin/tool");
        byte[] bytes = tar.bytes();
        Digest diffId = new LayerUnpacker(ROOT, ROOT).unpack(new ByteArrayInputStream(bytes), layer);

        assertEquals(Digest.of(bytes), diffId);
        Path tool = layer.resolve("usr/bin/tool");
        assertEquals(04755, (int) Files.getAttribute(tool, "unix:mode") & 07777);
        assertEquals(0700, (int) Files.getAttribute(layer.resolve("usr/bin"), "unix:mode") & 07777);
        assertEquals(TarBuilder.MTIME.toEpochMilli(), Files.getLastModifiedTime(tool).toMillis());
        assertEquals(TarBuilder.MTIME.toEpochMilli(), Files.getLastModifiedTime(layer.resolve("usr/bin")).toMillis());
        assertEquals(Path.of("tool"), Files.readSymbolicLink(layer.resolve("usr/bin/alias")));
        assertEquals(Files.getAttribute(tool, "unix:ino"), Files.getAttribute(layer.resolve("usr/bin/copy"), "unix:ino"));
        if (ROOT) {
            assertEquals(1000, Files.getAttribute(tool, "unix:uid"));
            assertEquals(2000, Files.getAttribute(tool, "unix:gid"));
        }
    }

    @Test
    void gzipLayersGiveTheDiffIdOfThePlainTar() throws IOException {
        TarBuilder tar = new TarBuilder().file("a", "x", 0644);
        byte[] plain = new TarBuilder().file("a", "x", 0644).bytes();
        Path gz = tar.writeGzipTo(temp.resolve("l.tar.gz"));
        Digest diffId = new LayerUnpacker(ROOT, ROOT).unpack(Files.newInputStream(gz), layer);
        assertEquals(Digest.of(plain), diffId);
        assertEquals("x", Files.readString(layer.resolve("a")));
    }

    @Test
    void whiteoutsBecomeOverlayMarkers() throws IOException {
        Assumptions.assumeTrue(ROOT, "whiteouts need root (mknod, trusted xattrs)");
        unpack(new TarBuilder().dir("etc", 0755).file("etc/.wh.gone", "", 0644).dir("var", 0755)
                .file("var/.wh..wh..opq", "", 0644).file("var/kept", "k", 0644));
        Path gone = layer.resolve("etc/gone");
        assertEquals("characterDevice", fileType(gone));
        assertEquals(0L, ((Number) Files.getAttribute(gone, "unix:rdev")).longValue());
        assertFalse(Files.exists(layer.resolve("etc/.wh.gone"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("y", run("getfattr", "--only-values", "-n", "trusted.overlay.opaque", layer.resolve("var").toString()));
        assertFalse(Files.exists(layer.resolve("var/.wh..wh..opq")));
        assertEquals("k", Files.readString(layer.resolve("var/kept")));
    }

    @Test
    void userXattrsAreKept() throws IOException {
        unpack(new TarBuilder().xattr("f", "user.comment", "hello"));
        var view = Files.getFileAttributeView(layer.resolve("f"), java.nio.file.attribute.UserDefinedFileAttributeView.class);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
        view.read("comment", buffer);
        assertEquals("hello", new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
    }

    @Test
    void refusesDotDot() {
        assertThrows(UnsafeArchiveException.class, () -> unpack(new TarBuilder().file("../outside/x", "evil", 0644)));
        assertOutsideUntouched();
    }

    @Test
    void refusesAbsolutePaths() {
        Path target = outside.resolve("abs");
        assertThrows(UnsafeArchiveException.class, () -> unpack(new TarBuilder().file(target.toString(), "evil", 0644)));
        assertOutsideUntouched();
    }

    @Test
    void refusesWritingThroughAnAbsoluteSymlink() {
        assertThrows(UnsafeArchiveException.class, () -> unpack(new TarBuilder()
                .symlink("escape", outside.toString()).file("escape/x", "evil", 0644)));
        assertOutsideUntouched();
    }

    @Test
    void refusesWritingThroughARelativeSymlinkThatClimbsOut() {
        assertThrows(UnsafeArchiveException.class, () -> unpack(new TarBuilder()
                .dir("a", 0755).symlink("a/up", "../../outside").file("a/up/x", "evil", 0644)));
        assertOutsideUntouched();
    }

    @Test
    void refusesHardlinksToHostFiles() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret"), "host");
        assertThrows(UnsafeArchiveException.class, () -> unpack(new TarBuilder().hardlink("h", secret.toString())));
        assertThrows(UnsafeArchiveException.class, () -> unpack(new TarBuilder().hardlink("h2", "../outside/secret")));
        assertThrows(UnsafeArchiveException.class, () -> unpack(new TarBuilder()
                .symlink("s", outside.toString()).hardlink("h3", "s/secret")));
        assertEquals(1, ((Number) Files.getAttribute(secret, "unix:nlink")).intValue());
        assertEquals("host", Files.readString(secret));
    }

    @Test
    void aFileReplacingASymlinkDoesNotWriteThroughIt() throws IOException {
        Path victim = Files.writeString(outside.resolve("victim"), "host");
        unpack(new TarBuilder().symlink("f", victim.toString()).file("f", "layer", 0644));
        assertEquals("host", Files.readString(victim));
        assertEquals("layer", Files.readString(layer.resolve("f")));
        assertFalse(Files.isSymbolicLink(layer.resolve("f")));
    }

    @Test
    void symlinksInsideTheLayerAreFollowed() throws IOException {
        unpack(new TarBuilder().dir("usr/lib", 0755).symlink("lib", "usr/lib").file("lib/x", "in", 0644));
        assertEquals("in", Files.readString(layer.resolve("usr/lib/x")));
    }

    private void assertOutsideUntouched() {
        try (Stream<Path> files = Files.list(outside)) {
            assertTrue(files.allMatch(p -> p.getFileName().toString().equals("secret")
                    || p.getFileName().toString().equals("victim")), "nothing may be written outside the layer");
            assertFalse(Files.exists(temp.resolve("x")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String fileType(Path path) throws IOException {
        var attrs = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attrs.isOther() ? "characterDevice" : attrs.isRegularFile() ? "file" : "other";
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
