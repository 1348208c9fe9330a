package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.registry.LocalRegistry;
import dev.berth.embedded.registry.RegistryOptions;
import dev.berth.embedded.registry.auth.CredentialSource;
import dev.berth.embedded.spi.EmbeddedRuntime;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.PullEvent;
import dev.berth.runtime.PushEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images cross between dockerd and Berth's embedded engine through docker-registry on 127.0.0.1 (dockerd treats
 * 127.0.0.0/8 as insecure, as Berth does): each side pulls what the other pushed and runs it.
 */
class DockerRegistryInteropTest {
    @RegisterExtension
    static final TestDockerDaemon DOCKER = new TestDockerDaemon();

    @TempDir
    Path temp;

    private static int run(ContainerRuntime runtime, ImageRef image, String name) throws InterruptedException {
        ContainerId id = runtime.create(ContainerSpec.builder(name, image)
                .command(List.of("sh", "-c", "test -x /bin/busybox && exit 7")).build());
        try {
            runtime.start(id);
            return runtime.waitForExit(id);
        } finally {
            runtime.remove(id, true, true);
        }
    }

    @Test
    void anImagePushedByDockerIsPulledAndRunByBerthAndTheOtherWayRound() throws Exception {
        ContainerHost.assumeContainersCanRun();
        LocalRegistry.assumeInstalled();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        try (LocalRegistry registry = LocalRegistry.anonymous(Files.createDirectories(temp.resolve("registry")));
             DockerRuntime docker = DockerRuntime.connect(DOCKER.endpoint());
             EmbeddedRuntime berth = EmbeddedRuntime.open(EngineOptions.at(temp.resolve("lib"), temp.resolve("run")),
                     RegistryOptions.defaults(CredentialSource.NONE).withCertsDir(temp.resolve("certs.d")),
                     Optional.empty())) {
            ImageRef fromDocker = ImageRef.of(registry.address() + "/interop/from-docker:" + unique);
            ImageRef fromBerth = ImageRef.of(registry.address() + "/interop/from-berth:" + unique);
            try {
                docker.tagImage(DOCKER.image(), fromDocker);
                List<PushEvent> pushed = new CopyOnWriteArrayList<>();
                docker.pushImage(fromDocker, pushed::add);
                assertEquals(PushEvent.Status.PUSHED, pushed.get(pushed.size() - 1).status());

                List<PullEvent> pulled = new CopyOnWriteArrayList<>();
                berth.pullImage(fromDocker, pulled::add);
                assertEquals(PullEvent.Status.PULLED, pulled.get(pulled.size() - 1).status());
                assertEquals(docker.inspectImage(fromDocker).id(), berth.inspectImage(fromDocker).id(),
                        "the same image id (config digest) on both sides");
                assertEquals(7, run(berth, fromDocker, "interop-berth-" + unique));

                BusyboxImage.build(berth.engine().images(), fromBerth.value(), Files.createDirectories(temp.resolve("w")));
                berth.pushImage(fromBerth, e -> { });
                List<PullEvent> dockerPulled = new CopyOnWriteArrayList<>();
                docker.pullImage(fromBerth, dockerPulled::add);
                PullEvent last = dockerPulled.get(dockerPulled.size() - 1);
                assertEquals(PullEvent.Status.PULLED, last.status());
                assertTrue(last.id().startsWith("sha256:"), last.toString());
                assertEquals(berth.inspectImage(fromBerth).id(), docker.inspectImage(fromBerth).id());
                assertEquals(7, run(docker, fromBerth, "interop-docker-" + unique));
            } finally {
                for (ImageRef ref : List.of(fromDocker, fromBerth)) {
                    try {
                        docker.removeImage(ref, true);
                    } catch (RuntimeException ignored) {
                        // not created when an earlier step failed
                    }
                }
            }
        }
    }
}
