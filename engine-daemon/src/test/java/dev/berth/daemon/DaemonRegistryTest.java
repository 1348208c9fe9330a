package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.docker.DockerRuntime;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PullEvent;
import dev.berth.runtime.PushEvent;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pull and push through the daemon's Docker API with docker-java (DockerRuntime), against Debian's docker-registry
 * on 127.0.0.1: an image pushed through the daemon, removed, pulled back and run.
 */
class DaemonRegistryTest {
    @RegisterExtension
    static final RegistryEngine registry = RegistryEngine.anonymous();

    @Test
    void anImagePushedThroughTheDaemonIsPulledBackAndRuns() throws Exception {
        ImageRef remote = ImageRef.of(registry.address() + "/daemon/busybox:pushed");
        try (DockerRuntime docker = DockerRuntime.connect(registry.engine().endpoint())) {
            docker.tagImage(TestEngine.IMAGE, remote);
            List<PushEvent> pushed = new CopyOnWriteArrayList<>();
            docker.pushImage(remote, pushed::add);
            PushEvent last = pushed.get(pushed.size() - 1);
            assertEquals(PushEvent.Status.PUSHED, last.status(), pushed.toString());
            assertTrue(last.id().matches("sha256:[0-9a-f]{64}"), "the manifest digest is reported: " + last);
            assertTrue(pushed.stream().anyMatch(e -> e.status() == PushEvent.Status.UPLOADED), pushed.toString());

            String imageId = docker.inspectImage(remote).id();
            docker.removeImage(remote, false);
            assertThrows(NotFoundException.class, () -> docker.inspectImage(remote));

            List<PullEvent> pulled = new CopyOnWriteArrayList<>();
            docker.pullImage(remote, Optional.empty(), pulled::add);
            PullEvent done = pulled.get(pulled.size() - 1);
            assertTrue(done.isFinal(), pulled.toString());
            assertEquals(last.id(), done.id(), "the pull resolves to the pushed manifest");
            assertTrue(pulled.stream().anyMatch(e -> e.status() == PullEvent.Status.ALREADY_EXISTS
                    || e.status() == PullEvent.Status.DOWNLOADED), "layer progress arrives: " + pulled);
            assertEquals(imageId, docker.inspectImage(remote).id(), "the same image is tagged again");

            ContainerId id = docker.create(ContainerSpec.builder("pulled-" + ProcessHandle.current().pid(), remote)
                    .command(List.of("sh", "-c", "test -x /bin/busybox")).build());
            try {
                docker.start(id);
                assertEquals(0, docker.waitForExit(id));
            } finally {
                docker.remove(id, true, true);
            }

            List<PullEvent> again = new CopyOnWriteArrayList<>();
            docker.pullImage(remote, Optional.empty(), again::add);
            assertEquals(PullEvent.Status.UP_TO_DATE, again.get(again.size() - 1).status(), again.toString());
        }
    }

    @Test
    void theProgressStreamIsDockersJsonLines() throws Exception {
        ImageRef remote = ImageRef.of(registry.address() + "/daemon/stream:1");
        try (DockerRuntime docker = DockerRuntime.connect(registry.engine().endpoint())) {
            docker.tagImage(TestEngine.IMAGE, remote);
            docker.pushImage(remote, e -> { });
        }
        String pull = post("/v1.43/images/create?fromImage=" + registry.address() + "/daemon/stream&tag=1");
        assertTrue(pull.startsWith("HTTP/1.1 200"), pull);
        assertTrue(pull.contains("{\"status\":\"Pulling from daemon/stream\",\"id\":\"1\"}"), pull);
        assertTrue(pull.matches("(?s).*\\{\"status\":\"Digest: sha256:[0-9a-f]{64}\"}.*"), pull);
        assertTrue(pull.contains("{\"status\":\"Status: Image is up to date for " + remote.value() + "\"}"), pull);

        String push = post("/v1.43/images/" + registry.address() + "/daemon/stream/push?tag=1");
        assertTrue(push.contains("{\"status\":\"The push refers to repository [" + registry.address()
                + "/daemon/stream]\"}"), push);
        assertTrue(push.contains("\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:"), push);
    }

    @Test
    void missingImagesAreNotFoundBothWays() throws Exception {
        try (DockerRuntime docker = DockerRuntime.connect(registry.engine().endpoint())) {
            NotFoundException pull = assertThrows(NotFoundException.class, () -> docker.pullImage(
                    ImageRef.of(registry.address() + "/daemon/absent:1"), Optional.empty(), e -> { }));
            assertTrue(pull.getMessage().contains(registry.address()), pull.getMessage());
            assertThrows(NotFoundException.class, () -> docker.pushImage(
                    ImageRef.of(registry.address() + "/daemon/never-tagged:1"), e -> { }));
        }
        String raw = post("/v1.43/images/create?fromImage=" + registry.address() + "/daemon/absent&tag=1");
        assertTrue(raw.startsWith("HTTP/1.1 404"), raw);
        assertTrue(raw.contains("not found"), raw);
    }

    /** The whole response to an empty POST of {@code path} to the engine. */
    private static String post(String path) throws IOException {
        return registry.engine().post(path);
    }
}
