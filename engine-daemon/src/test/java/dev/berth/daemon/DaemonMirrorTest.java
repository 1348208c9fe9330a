package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.docker.DockerRuntime;
import dev.berth.embedded.registry.LocalRegistry;
import dev.berth.embedded.util.Files2;
import dev.berth.runtime.ImageRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code registry-mirrors} of the engine's daemon.json, seen through the docker CLI: two docker-registry instances on
 * 127.0.0.1, one the mirror, the other standing in for Docker Hub (the engine's hub endpoint). Images of Docker Hub
 * come from the mirror when it has them (also with the stand-in hub stopped), else from the hub.
 */
class DaemonMirrorTest {
    private static LocalRegistry mirror;
    private static LocalRegistry hub;
    private static TestEngine engine;
    private static DockerCli docker;
    private static Path temp;

    @BeforeAll
    static void start() throws Exception {
        LocalRegistry.assumeInstalled();
        DockerCli.assumeInstalled();
        temp = Files.createTempDirectory("berth-daemon-mirror");
        mirror = LocalRegistry.anonymous(Files.createDirectories(temp.resolve("mirror")));
        hub = LocalRegistry.anonymous(Files.createDirectories(temp.resolve("hub")));
        Path config = Files.writeString(temp.resolve("daemon.json"), "{\"registry-mirrors\": [\"http://"
                + mirror.address() + "\"], \"insecure-registries\": [\"10.99.0.0/16\"]}");
        engine = TestEngine.start(options -> options.withConfigFile(config)
                .withHubEndpoint(URI.create("http://" + hub.address())));
        docker = new DockerCli(engine, Files.createDirectories(temp.resolve("docker-config")));
        try (DockerRuntime seed = DockerRuntime.connect(engine.endpoint())) {
            for (String image : new String[] {mirror.address() + "/library/busybox:mirrored",
                    hub.address() + "/library/busybox:hub-only"}) {
                seed.tagImage(TestEngine.IMAGE, ImageRef.of(image));
                seed.pushImage(ImageRef.of(image), e -> { });
                seed.removeImage(ImageRef.of(image), false);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {mirror, hub, engine}) {
            if (c != null) {
                c.close();
            }
        }
        if (temp != null) {
            Files2.deleteTree(temp);
        }
    }

    @Test
    void dockerInfoShowsTheMirrorAndTheInsecureNetwork() throws Exception {
        assertEquals("[\"http://" + mirror.address() + "/\"]",
                docker.ok("info", "--format", "{{json .RegistryConfig.Mirrors}}").text());
        assertTrue(docker.ok("info").out().contains("10.99.0.0/16"), "listed under Insecure Registries");
    }

    @Test
    void dockerHubImagesComeFromTheMirrorFirstThenFromTheHub() throws Exception {
        docker.ok("pull", "busybox:mirrored");
        docker.ok("pull", "busybox:hub-only");
        assertEquals(docker.ok("image", "inspect", "--format", "{{.Id}}", TestEngine.IMAGE.value()).text(),
                docker.ok("image", "inspect", "--format", "{{.Id}}", "busybox:hub-only").text());

        hub.close();
        docker.ok("rmi", "busybox:mirrored");
        docker.ok("pull", "busybox:mirrored");
        DockerCli.Result lost = docker.run("pull", "busybox:hub-only-gone");
        assertNotEquals(0, lost.code(), lost.out());
        assertTrue(lost.err().contains("cannot reach registry docker.io") && lost.err().contains("mirrors tried first"),
                lost.err());
    }
}
