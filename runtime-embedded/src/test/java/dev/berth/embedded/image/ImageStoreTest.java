package dev.berth.embedded.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir
    Path temp;

    private Image commitTwoLayers(ImageStore store) throws IOException {
        Path base = new TarBuilder().dir("etc", 0755).file("etc/os", "base", 0644).writeTo(temp.resolve("l1.tar"));
        Path top = new TarBuilder().dir("app", 0755).file("app/run", "top", 0755).writeTo(temp.resolve("l2.tar"));
        ImageConfig.Defaults defaults = new ImageConfig.Defaults("1000", List.of("A=1"), List.of("/app/run"),
                List.of("--flag"), "/app", Map.of("l", "v"), "SIGINT", null, null);
        return new ImageWriter(store).commit("example/app:1.0", defaults, List.of(base, top));
    }

    @Test
    void blobsAreVerifiedOnWrite() {
        BlobStore blobs = new BlobStore(temp);
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        Digest digest = blobs.put(new ByteArrayInputStream(content), Optional.of(Digest.of(content)));
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.toString());
        Digest wrong = Digest.of("other");
        assertThrows(ImageStoreException.class,
                () -> blobs.put(new ByteArrayInputStream(content), Optional.of(wrong)));
        assertTrue(!blobs.contains(wrong));
    }

    @Test
    void committedImagesResolveByTagIdAndPrefix() throws IOException {
        ImageStore store = ImageStore.open(temp.resolve("store"));
        Image image = commitTwoLayers(store);
        assertEquals(List.of("example/app:1.0"), image.tags());
        assertEquals(image.id(), store.resolve(image.id().toString()).id());
        assertEquals(image.id(), store.resolve(image.id().hex().substring(0, 12)).id());
        assertEquals(image.id(), store.resolve("example/app@" + image.manifestDigest()).id());
        assertEquals(List.of("/app/run"), image.config().defaults().entrypoint());
        assertEquals("SIGINT", image.config().defaults().stopSignal());
        assertThrows(ImageNotFoundException.class, () -> store.resolve("example/app"));
        List<Path> dirs = store.layerDirs(image);
        assertEquals("base", Files.readString(dirs.get(0).resolve("etc/os")));
        assertEquals("top", Files.readString(dirs.get(1).resolve("app/run")));
        assertEquals(dirs, store.layerDirs(image), "layers are unpacked once");
    }

    @Test
    void saveThenLoadRoundTripsIntoAnotherStore() throws IOException {
        ImageStore source = ImageStore.open(temp.resolve("a"));
        Image image = commitTwoLayers(source);
        Path archive = temp.resolve("saved.tar");
        source.save(List.of("example/app:1.0"), archive);

        ImageStore target = ImageStore.open(temp.resolve("b"));
        assertEquals(List.of("example/app:1.0"), target.load(archive));
        Image loaded = target.resolve("example/app:1.0");
        assertEquals(image.id(), loaded.id());
        assertEquals(image.diffIds(), loaded.diffIds());
        assertEquals("top", Files.readString(target.layerDirs(loaded).get(1).resolve("app/run")));
    }

    @Test
    void loadsDockerArchivesWithGzipLayers() throws IOException {
        byte[] plain = new TarBuilder().file("hello", "world", 0644).bytes();
        Path gz = new TarBuilder().file("hello", "world", 0644).writeGzipTo(temp.resolve("layer.tar.gz"));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/hello\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(plain) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String manifest = "[{\"Config\":\"cfg.json\",\"RepoTags\":[\"gz:latest\"],\"Layers\":[\"abc/layer.tar\"]}]";
        Path archive = temp.resolve("docker.tar");
        writeArchive(archive, Map.of("manifest.json", manifest.getBytes(StandardCharsets.UTF_8), "cfg.json", config,
                "abc/layer.tar", Files.readAllBytes(gz)));

        ImageStore store = ImageStore.open(temp.resolve("s"));
        assertEquals(List.of("gz:latest"), store.load(archive));
        Image image = store.resolve("gz");
        assertEquals(MediaTypes.DOCKER_LAYER_GZIP, image.layers().get(0).mediaType());
        assertEquals("world", Files.readString(store.layerDirs(image).get(0).resolve("hello")));
    }

    @Test
    void loadsOciLayoutsThroughAnIndexWithPlatforms() throws IOException {
        byte[] layer = new TarBuilder().file("oci", "yes", 0644).bytes();
        Digest layerDigest = Digest.of(layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + Digest.of(config) + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER + "\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        String arch = Platform.host().architecture();
        byte[] nested = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + Digest.of(manifest) + "\",\"size\":"
                + manifest.length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        String index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"digest\":\""
                + Digest.of(nested) + "\",\"size\":" + nested.length
                + ",\"annotations\":{\"io.containerd.image.name\":\"docker.io/library/oci:v1\","
                + "\"org.opencontainers.image.ref.name\":\"v1\"}}]}";
        Path archive = temp.resolve("oci.tar");
        writeArchive(archive, Map.of("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8),
                "index.json", index.getBytes(StandardCharsets.UTF_8),
                "blobs/sha256/" + Digest.of(nested).hex(), nested, "blobs/sha256/" + Digest.of(manifest).hex(), manifest,
                "blobs/sha256/" + Digest.of(config).hex(), config, "blobs/sha256/" + layerDigest.hex(), layer));

        ImageStore store = ImageStore.open(temp.resolve("s"));
        assertEquals(List.of("oci:v1"), store.load(archive), "Docker Hub names are kept in their familiar form");
        Image image = store.resolve("docker.io/library/oci:v1");
        assertEquals(image, store.resolve("oci:v1"));
        assertEquals(Digest.of(config), image.id());
        assertEquals("yes", Files.readString(store.layerDirs(image).get(0).resolve("oci")));
    }

    @Test
    void loadRefusesArchivesThatEscape() throws IOException {
        Path archive = temp.resolve("evil.tar");
        writeArchive(archive, Map.of("../escaped", "x".getBytes(StandardCharsets.UTF_8)));
        ImageStore store = ImageStore.open(temp.resolve("s"));
        assertThrows(UnsafeArchiveException.class, () -> store.load(archive));
        assertTrue(!Files.exists(temp.resolve("s/escaped")) && !Files.exists(temp.resolve("escaped")));
    }

    @Test
    void aMaliciousLayerIsRefusedWhenUnpackedAndLeavesNothingBehind() throws IOException {
        ImageStore store = ImageStore.open(temp.resolve("s"));
        Path evil = new TarBuilder().file("ok", "fine", 0644).symlink("up", "..").file("up/escaped", "evil", 0644)
                .writeTo(temp.resolve("evil.tar"));
        Image image = new ImageWriter(store).commit("evil:1", ImageConfig.Defaults.EMPTY, List.of(evil));
        assertThrows(UnsafeArchiveException.class, () -> store.layerDirs(image));
        assertTrue(!Files.exists(store.layerDir(image.diffIds().get(0))), "no half-unpacked layer is kept");
        assertTrue(!Files.exists(temp.resolve("s/layers/escaped")) && !Files.exists(temp.resolve("s/escaped")));
        try (var files = Files.list(temp.resolve("s/layers"))) {
            assertEquals(List.of(), files.toList());
        }
    }

    private static void writeArchive(Path archive, Map<String, byte[]> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
    }
}
