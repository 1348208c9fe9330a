package dev.berth.embedded.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.distribution.ImagePuller;
import dev.berth.embedded.distribution.ImagePusher;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Platform;
import dev.berth.embedded.registry.auth.CredentialSource;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.runtime.ImageName;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker Hub's images through a mirror: two docker-registry instances on 127.0.0.1, one the mirror, the other standing
 * in for Docker Hub (the client's hub endpoint). Nothing goes to the real Docker Hub.
 */
class MirrorPullTest {
    @TempDir
    static Path temp;
    static LocalRegistry mirror;
    static LocalRegistry hub;
    static Image busybox;

    @BeforeAll
    static void start() throws Exception {
        BusyboxImage.assumeBusybox();
        mirror = LocalRegistry.anonymous(Files.createDirectories(temp.resolve("mirror")));
        hub = LocalRegistry.anonymous(Files.createDirectories(temp.resolve("hub")));
        ImageStore source = ImageStore.open(Files.createDirectories(temp.resolve("source")));
        busybox = BusyboxImage.build(source, "busybox:source", Files.createDirectories(temp.resolve("work")));
        RegistryClient direct = new RegistryClient(RegistryOptions.defaults(CredentialSource.NONE));
        try (ImagePusher pusher = new ImagePusher(direct, source)) {
            source.tag(busybox.manifestDigest(), mirror.address() + "/library/busybox:in-mirror");
            pusher.push(ImageName.parse(mirror.address() + "/library/busybox:in-mirror"), e -> { });
            source.tag(busybox.manifestDigest(), hub.address() + "/library/busybox:in-hub");
            pusher.push(ImageName.parse(hub.address() + "/library/busybox:in-hub"), e -> { });
        }
    }

    @AfterAll
    static void stop() {
        if (mirror != null) {
            mirror.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static RegistryClient client(String hubAddress) {
        return new RegistryClient(RegistryOptions.defaults(CredentialSource.NONE).withHub(new DockerHub(
                URI.create("http://" + hubAddress), List.of(URI.create("http://" + mirror.address())))));
    }

    private static Image pull(RegistryClient client, String name, String storeName) throws Exception {
        ImageStore store = ImageStore.open(Files.createDirectories(temp.resolve(storeName)));
        try (ImagePuller puller = new ImagePuller(client, store)) {
            puller.pull(ImageName.parse(name), Platform.host(), e -> { });
        }
        return store.resolve(name);
    }

    @Test
    void anImageTheMirrorHasComesFromItWithoutTheHub() throws Exception {
        String closed = "127.0.0.1:" + LocalRegistry.freePort();
        assertEquals(busybox.id(), pull(client(closed), "busybox:in-mirror", "from-mirror").id(),
                "the hub endpoint is a closed port, so the mirror served it");
    }

    @Test
    void anImageTheMirrorLacksComesFromTheHub() throws Exception {
        assertEquals(busybox.id(), pull(client(hub.address()), "busybox:in-hub", "from-hub").id());
    }

    @Test
    void whenNeitherHasItTheMessageNamesTheHubAndTheMirrorTried() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> pull(client(hub.address()), "busybox:nowhere", "nowhere"));
        assertEquals(RegistryException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("not found in registry docker.io"), e.getMessage());
        assertTrue(e.getMessage().contains("mirrors tried first: manifest for busybox:nowhere not found in mirror http://"
                + mirror.address()), e.getMessage());
    }

    @Test
    void otherRegistriesAreNeverAskedThroughTheMirror() {
        RegistryClient client = client(hub.address());
        assertEquals(List.of("registry " + hub.address()), client.pullEndpoints(ImageName.parse(hub.address()
                + "/library/busybox:in-hub")).stream().map(RegistryEndpoint::describe).toList());
    }
}
