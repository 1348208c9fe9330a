package dev.berth.embedded.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.distribution.ImagePuller;
import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.image.Manifest;
import dev.berth.embedded.image.MediaTypes;
import dev.berth.embedded.image.Platform;
import dev.berth.embedded.registry.auth.CredentialSource;
import dev.berth.runtime.ImageName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryFailureTest {
    @TempDir
    Path temp;

    private final RegistryClient client = new RegistryClient(RegistryOptions.defaults(CredentialSource.NONE)
            .withCertsDir(Path.of("/nonexistent-certs.d")));

    @Test
    void aBlobWhoseContentDoesNotMatchItsDigestIsRejectedAndNothingIsStored() throws Exception {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
                + "0".repeat(64) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        byte[] announcedLayer = "the real layer".getBytes(StandardCharsets.UTF_8);
        byte[] servedLayer = "a corrupted layer".getBytes(StandardCharsets.UTF_8);
        Digest layerDigest = Digest.of(announcedLayer);
        byte[] manifest = Json.write(Manifest.image(MediaTypes.OCI_MANIFEST,
                Descriptor.of(MediaTypes.OCI_CONFIG, Digest.of(config), config.length),
                List.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, layerDigest, announcedLayer.length))));
        Path storeDir = temp.resolve("store");
        ImageStore store = ImageStore.open(storeDir);
        try (FakeRegistry registry = new FakeRegistry(); ImagePuller puller = new ImagePuller(client, store)) {
            registry.serve("corrupt/app/manifests/1", MediaTypes.OCI_MANIFEST, manifest);
            registry.serve("corrupt/app/blobs/" + Digest.of(config), "application/octet-stream", config);
            registry.serve("corrupt/app/blobs/" + layerDigest, "application/octet-stream", servedLayer);
            ImageName name = ImageName.parse(registry.address() + "/corrupt/app:1");

            RegistryException e = assertThrows(RegistryException.class, () -> puller.pull(name, Platform.host(), x -> { }));

            assertEquals(RegistryException.Kind.DIGEST_MISMATCH, e.kind());
            assertTrue(e.getMessage().contains("blob " + layerDigest), e.getMessage());
            assertTrue(e.getMessage().contains("from registry " + registry.address()), e.getMessage());
            assertTrue(e.getMessage().contains("has digest " + Digest.of(servedLayer)), e.getMessage());
            assertFalse(store.blobs().contains(layerDigest), "the corrupt blob is not stored");
            assertFalse(store.blobs().contains(Digest.of(servedLayer)), "not even under its real digest");
            assertFalse(store.blobs().contains(Digest.of(manifest)), "no manifest without its blobs");
            assertTrue(store.find(name.familiar()).isEmpty(), "no tag");
            try (var ingest = Files.list(storeDir.resolve("ingest"))) {
                assertEquals(List.of(), ingest.toList(), "no partial download left behind");
            }
        }
    }

    @Test
    void aBrokenDownloadResumesWhereItBrokeOffWithARangeRequest() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(content);
        byte[] layer = new dev.berth.embedded.testing.TarBuilder().file("data.bin", content, 0644, 0, 0).bytes();
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digest.of(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        byte[] manifest = Json.write(Manifest.image(MediaTypes.OCI_MANIFEST,
                Descriptor.of(MediaTypes.OCI_CONFIG, Digest.of(config), config.length),
                List.of(Descriptor.of(MediaTypes.OCI_LAYER, Digest.of(layer), layer.length))));
        ImageStore store = ImageStore.open(temp.resolve("resume"));
        try (FakeRegistry registry = new FakeRegistry(); ImagePuller puller = new ImagePuller(client, store)) {
            registry.serve("flaky/app/manifests/1", MediaTypes.OCI_MANIFEST, manifest);
            registry.serve("flaky/app/blobs/" + Digest.of(config), "application/octet-stream", config);
            registry.serveBreakingOnce("flaky/app/blobs/" + Digest.of(layer), "application/octet-stream", layer, 1024 * 1024);
            ImageName name = ImageName.parse(registry.address() + "/flaky/app:1");

            puller.pull(name, Platform.host(), x -> { });

            assertTrue(store.blobs().contains(Digest.of(layer)), "the layer arrived whole and verified");
            assertEquals(1, registry.ranges().size(), registry.ranges().toString());
            assertTrue(registry.ranges().get(0).startsWith("bytes="), registry.ranges().toString());
            assertTrue(Long.parseLong(registry.ranges().get(0).replaceAll("bytes=(\\d+)-", "$1")) > 0,
                    "resumed after the bytes already read, not from the start: " + registry.ranges());
        }
    }

    @Test
    void aNonDistributableLayerIsFetchedFromItsUrlsNotFromTheRegistry() throws Exception {
        byte[] layer = "foreign layer bytes".getBytes(StandardCharsets.UTF_8);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digest.of(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        ImageStore store = ImageStore.open(temp.resolve("foreign"));
        try (FakeRegistry registry = new FakeRegistry(); ImagePuller puller = new ImagePuller(client, store)) {
            Descriptor foreign = new Descriptor("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                    Digest.of(layer).toString(), layer.length, null, null,
                    List.of("http://" + registry.address() + "/missing/first", "http://" + registry.address() + "/cdn/layer"));
            byte[] manifest = Json.write(Manifest.image(MediaTypes.DOCKER_MANIFEST,
                    Descriptor.of(MediaTypes.DOCKER_CONFIG, Digest.of(config), config.length), List.of(foreign)));
            registry.serve("win/app/manifests/1", MediaTypes.DOCKER_MANIFEST, manifest);
            registry.serve("win/app/blobs/" + Digest.of(config), "application/octet-stream", config);
            registry.serveAt("/cdn/layer", layer);

            puller.pull(ImageName.parse(registry.address() + "/win/app:1"), Platform.host(), x -> { });

            assertTrue(store.blobs().contains(Digest.of(layer)), "fetched from the second URL, after the first 404");
            assertTrue(foreign.isNonDistributable());
        }
    }

    @Test
    void aManifestWhoseDigestDiffersFromTheRequestedOneIsRejected() throws Exception {
        byte[] manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
                .getBytes(StandardCharsets.UTF_8);
        String wanted = "sha256:" + "a".repeat(64);
        try (FakeRegistry registry = new FakeRegistry()) {
            registry.serve("pinned/app/manifests/" + wanted, MediaTypes.OCI_MANIFEST, manifest);
            RegistryException e = assertThrows(RegistryException.class,
                    () -> client.fetchManifest(ImageName.parse(registry.address() + "/pinned/app@" + wanted)));
            assertEquals(RegistryException.Kind.DIGEST_MISMATCH, e.kind());
            assertTrue(e.getMessage().contains(wanted + " was expected"), e.getMessage());
        }
    }

    @Test
    void schemaOneManifestsAreRefusedWithAClearMessage() throws Exception {
        byte[] schema1 = "{\"schemaVersion\":1,\"name\":\"old/app\",\"tag\":\"1\",\"fsLayers\":[]}".getBytes(StandardCharsets.UTF_8);
        try (FakeRegistry registry = new FakeRegistry()) {
            registry.serve("old/app/manifests/1", "application/vnd.docker.distribution.manifest.v1+prettyjws", schema1);
            RegistryException e = assertThrows(RegistryException.class,
                    () -> client.fetchManifest(ImageName.parse(registry.address() + "/old/app:1")));
            assertEquals(RegistryException.Kind.PROTOCOL, e.kind());
            assertTrue(e.getMessage().contains("schema 1 manifest"), e.getMessage());
            assertTrue(e.getMessage().contains("re-push it"), e.getMessage());
        }
    }

    @Test
    void theRightPlatformIsChosenFromAnIndex() throws Exception {
        try (FakeRegistry registry = new FakeRegistry()) {
            byte[] index = MultiPlatformImages.serve(registry, "multi/app", "1", Map.of(
                    new Platform("linux", "amd64", null), "amd64-content",
                    new Platform("linux", "arm64", "v8"), "arm64-content"));
            ImageName name = ImageName.parse(registry.address() + "/multi/app:1");
            for (String arch : List.of("amd64", "arm64")) {
                ImageStore store = ImageStore.open(temp.resolve("store-" + arch));
                try (ImagePuller puller = new ImagePuller(client, store)) {
                    var result = puller.pull(name, new Platform("linux", arch, null), x -> { });
                    assertEquals(Digest.of(index), result.manifestDigest(), "Docker's Digest: line is the index");
                    String layer = new String(store.blobs().read(store.resolve(name.familiar()).layers().get(0)
                            .parsedDigest()), StandardCharsets.UTF_8);
                    assertEquals(arch + "-content", layer);
                }
            }
            ImageStore none = ImageStore.open(temp.resolve("store-s390x"));
            try (ImagePuller puller = new ImagePuller(client, none)) {
                var e = assertThrows(RuntimeException.class,
                        () -> puller.pull(name, new Platform("linux", "s390x", null), x -> { }));
                assertTrue(e.getMessage().contains("no manifest for linux/s390x"), e.getMessage());
            }
        }
    }

    @Test
    void anUnreachableRegistryIsOneMessageNamingIt() throws Exception {
        int port = LocalRegistry.freePort();
        String address = "127.0.0.1:" + port;
        try (ImagePuller puller = new ImagePuller(client, ImageStore.open(temp.resolve("store")))) {
            RegistryException e = assertThrows(RegistryException.class,
                    () -> puller.pull(ImageName.parse(address + "/app:1"), Platform.host(), x -> { }));
            assertEquals(RegistryException.Kind.UNREACHABLE, e.kind());
            assertEquals("cannot reach registry " + address + " at http://" + address
                    + "/v2/: connection refused (is the registry running and the address right?)", e.getMessage());
        }
    }
}
