package dev.berth.embedded.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.ExitStatus;
import dev.berth.embedded.distribution.ImagePuller;
import dev.berth.embedded.distribution.ImagePusher;
import dev.berth.embedded.distribution.PullResult;
import dev.berth.embedded.distribution.PushResult;
import dev.berth.embedded.distribution.TransferProgress;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Platform;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.registry.auth.CredentialSource;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.runtime.ImageName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against Debian's docker-registry on 127.0.0.1, anonymous, over plain http (loopback is insecure). */
class AnonymousRegistryTest {
    @TempDir
    static Path temp;
    static LocalRegistry registry;
    static RegistryClient client;

    @BeforeAll
    static void startRegistry() throws Exception {
        BusyboxImage.assumeBusybox();
        registry = LocalRegistry.anonymous(Files.createDirectories(temp.resolve("registry")));
        client = new RegistryClient(RegistryOptions.defaults(CredentialSource.NONE).withCertsDir(temp.resolve("certs.d")));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private static ImageStore store(String name) throws Exception {
        return ImageStore.open(Files.createDirectories(temp.resolve(name)));
    }

    @Test
    void pushThenPullRoundTripGivesTheSameImageAndASecondPullDownloadsNothing() throws Exception {
        ImageStore source = store("push-source");
        ImageName name = ImageName.parse(registry.address() + "/test/busybox:1");
        Image built = BusyboxImage.build(source, name.familiar(), Files.createDirectories(temp.resolve("work1")));
        List<TransferProgress> pushEvents = new CopyOnWriteArrayList<>();
        PushResult pushed;
        try (ImagePusher pusher = new ImagePusher(client, source)) {
            pushed = pusher.push(name, pushEvents::add);
        }
        assertEquals(built.manifestDigest(), pushed.manifestDigest());
        assertEquals(2, pushed.uploadedBlobs(), "one layer and the config");
        assertTrue(pushEvents.stream().anyMatch(e -> e.stage() == TransferProgress.Stage.DONE), pushEvents.toString());

        ImageStore target = store("pull-target");
        PullResult pulled;
        try (ImagePuller puller = new ImagePuller(client, target)) {
            pulled = puller.pull(name, Platform.host(), e -> { });
            assertTrue(pulled.downloaded());
            assertEquals(built.id(), pulled.imageId());
            assertEquals(built.id(), target.resolve(name.familiar()).id());
            assertEquals(built.manifestDigest(), pulled.manifestDigest());
            assertFalse(puller.pull(name, Platform.host(), e -> { }).downloaded(), "second pull is up to date");
        }

        try (ImagePusher pusher = new ImagePusher(client, source)) {
            PushResult again = pusher.push(name, e -> { });
            assertEquals(0, again.uploadedBlobs(), "the registry has every blob already");
        }
    }

    @Test
    void aPushToAnotherRepositoryMountsTheBlobsInsteadOfUploadingThem() throws Exception {
        ImageStore source = store("mount-source");
        ImageName first = ImageName.parse(registry.address() + "/mount/one:1");
        ImageName second = ImageName.parse(registry.address() + "/mount/two:1");
        Image image = BusyboxImage.build(source, first.familiar(), Files.createDirectories(temp.resolve("work2")));
        source.tag(image.manifestDigest(), second.familiar());
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        try (ImagePusher pusher = new ImagePusher(client, source)) {
            pusher.push(first, e -> { });
            PushResult mounted = pusher.push(second, events::add);
            assertEquals(0, mounted.uploadedBlobs());
        }
        assertEquals(2, events.stream().filter(e -> e.stage() == TransferProgress.Stage.MOUNTED).count(), events.toString());
    }

    @Test
    void aBigBlobIsUploadedInChunksAndConcurrentIdenticalPullsShareOneTransfer() throws Exception {
        ImageStore source = store("chunk-source");
        ImageName name = ImageName.parse(registry.address() + "/chunked/busybox:1");
        Image built = BusyboxImage.build(source, name.familiar(), Files.createDirectories(temp.resolve("work3")));
        RegistryClient chunking = new RegistryClient(client.options().withChunkSize(256 * 1024));
        try (ImagePusher pusher = new ImagePusher(chunking, source)) {
            assertEquals(2, pusher.push(name, e -> { }).uploadedBlobs());
        }
        ImageStore target = store("shared-target");
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (ImagePuller puller = new ImagePuller(client, target)) {
            List<Future<PullResult>> pulls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pulls.add(threads.submit(() -> puller.pull(name, Platform.host(), events::add)));
            }
            for (Future<PullResult> pull : pulls) {
                assertEquals(built.id(), pull.get().imageId());
            }
        } finally {
            threads.shutdownNow();
        }
        long layerDone = events.stream().filter(e -> e.stage() == TransferProgress.Stage.DONE)
                .filter(e -> e.blob().equals(built.layers().get(0).digest())).count();
        assertEquals(1, layerDone, "the layer was downloaded once: " + events);
    }

    @Test
    void aMissingTagIsNotFoundNamingTheRegistry() {
        try (ImagePuller puller = new ImagePuller(client, ImageStore.open(temp.resolve("missing")))) {
            RegistryException e = assertThrows(RegistryException.class, () -> puller.pull(
                    ImageName.parse(registry.address() + "/nothing/here:1"), Platform.host(), x -> { }));
            assertEquals(RegistryException.Kind.NOT_FOUND, e.kind());
            assertTrue(e.getMessage().contains("registry " + registry.address()), e.getMessage());
        }
    }

    @Test
    void aPulledImageRunsAsAContainer() throws Exception {
        ContainerHost.assumeContainersCanRun();
        ImageStore source = store("run-source");
        ImageName name = ImageName.parse(registry.address() + "/run/busybox:1");
        BusyboxImage.build(source, name.familiar(), Files.createDirectories(temp.resolve("work4")));
        try (ImagePusher pusher = new ImagePusher(client, source)) {
            pusher.push(name, e -> { });
        }
        Path engineDir = Files.createDirectories(temp.resolve("engine"));
        try (EmbeddedEngine engine = EmbeddedEngine.open(EngineOptions.at(engineDir.resolve("lib"), engineDir.resolve("run")));
             ImagePuller puller = new ImagePuller(client, engine.images())) {
            puller.pull(name, Platform.host(), e -> { });
            String id = engine.create(dev.berth.embedded.oci.ContainerConfig.builder(name.familiar()).name("pulled")
                    .command("sh", "-c", "echo pulled-and-running").build());
            try {
                engine.start(id);
                assertEquals(new ExitStatus(0, false), engine.await(id));
                String out = engine.logs(id, LogQuery.ALL).stream().map(l -> l.line()).reduce("", String::concat);
                assertEquals("pulled-and-running\n", out);
            } finally {
                for (ContainerInfo info : engine.list(Map.of())) {
                    engine.remove(info.id(), true);
                }
            }
        }
    }
}
