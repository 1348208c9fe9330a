package dev.berth.embedded.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.registry.auth.CredentialSource;
import dev.berth.embedded.spi.EmbeddedRuntime;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PullEvent;
import dev.berth.runtime.PushEvent;
import dev.berth.runtime.RegistryAccessException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SPI's pullImage/pushImage on the embedded runtime, against docker-registry on 127.0.0.1. */
class EmbeddedRuntimeRegistryTest {
    @TempDir
    Path temp;

    private EmbeddedRuntime runtime(String name) {
        return EmbeddedRuntime.open(EngineOptions.at(temp.resolve(name + "/lib"), temp.resolve(name + "/run")),
                RegistryOptions.defaults(CredentialSource.NONE).withCertsDir(temp.resolve("certs.d")), Optional.empty());
    }

    @Test
    void pushFromOneRuntimeAndPullIntoAnotherReportsEventsAndKeepsTheImageId() throws Exception {
        BusyboxImage.assumeBusybox();
        try (LocalRegistry registry = LocalRegistry.anonymous(Files.createDirectories(temp.resolve("registry")));
             EmbeddedRuntime source = runtime("source"); EmbeddedRuntime target = runtime("target")) {
            ImageRef ref = ImageRef.of(registry.address() + "/spi/busybox:1");
            Image built = BusyboxImage.build(source.engine().images(), ref.value(), Files.createDirectories(temp.resolve("w")));
            List<PushEvent> pushed = new CopyOnWriteArrayList<>();
            source.pushImage(ref, pushed::add);
            PushEvent last = pushed.get(pushed.size() - 1);
            assertEquals(PushEvent.Status.PUSHED, last.status());
            assertEquals(built.manifestDigest().toString(), last.id());

            List<PullEvent> pulled = new CopyOnWriteArrayList<>();
            target.pullImage(ref, pulled::add);
            assertEquals(PullEvent.Status.PULLED, pulled.get(pulled.size() - 1).status());
            assertTrue(pulled.stream().anyMatch(e -> e.status() == PullEvent.Status.DOWNLOADED), pulled.toString());
            assertEquals(built.layers().size(), pulled.stream().filter(e -> e.status() == PullEvent.Status.EXTRACTED)
                    .count(), "each layer is unpacked while the pull runs: " + pulled);
            for (var diffId : built.diffIds()) {
                assertTrue(Files.isDirectory(target.engine().images().layerDir(diffId)), "unpacked " + diffId);
            }
            assertEquals(built.id().toString(), target.inspectImage(ref).id());
            assertTrue(target.lastPulled(ref).isPresent(), "the pull is recorded for the periodic pull policies");
            assertTrue(source.lastPulled(ref).isEmpty());

            pulled.clear();
            target.pullImage(ref, Optional.of("linux/amd64"), pulled::add);
            assertEquals(PullEvent.Status.UP_TO_DATE, pulled.get(pulled.size() - 1).status());

            assertThrows(NotFoundException.class, () -> target.pullImage(ImageRef.of(registry.address() + "/spi/none:1"), e -> { }));
            assertThrows(NotFoundException.class, () -> target.pushImage(ImageRef.of(registry.address() + "/never/built:1"), e -> { }));
        }
    }

    @Test
    void anUnreachableRegistryIsARegistryAccessExceptionNamingIt() throws Exception {
        String address = "127.0.0.1:" + LocalRegistry.freePort();
        try (EmbeddedRuntime runtime = runtime("unreachable")) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class,
                    () -> runtime.pullImage(ImageRef.of(address + "/app:1"), x -> { }));
            assertEquals(address, e.registry());
            assertEquals(RegistryAccessException.Reason.UNREACHABLE, e.reason());
            assertTrue(e.getMessage().startsWith("pull image " + address + "/app:1: cannot reach registry " + address),
                    e.getMessage());
        }
    }
}
