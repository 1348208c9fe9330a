package dev.berth.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.spi.EmbeddedRuntime;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.testing.HostSnapshot;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.EventQuery;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.RuntimeEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded engine on private temp directories with the busybox test image, for a test class. Register it before
 * the {@link BerthExtension}: its afterAll then runs after the stack's teardown, checks that no container, volume or
 * mount of the engine is left and that nothing of the containers and networks it created stays on the host
 * (bridges, veths, network namespaces, iptables rules, processes, port proxies: {@link HostSnapshot}), and deletes
 * the directories. Skips the class where containers cannot run.
 */
final class EmbeddedEngineHost implements BeforeAllCallback, AfterAllCallback {
    static final String IMAGE = "berth-junit/busybox:latest";

    private final Set<String> containerIds = ConcurrentHashMap.newKeySet();
    private final Set<String> networkIds = ConcurrentHashMap.newKeySet();
    private Path root;
    private Path runDir;
    private HostSnapshot before;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        ContainerHost.assumeContainersCanRun();
        root = Files.createTempDirectory("berth-junit-root");
        runDir = Files.createTempDirectory("berth-junit-run");
        BusyboxImage.build(ImageStore.open(root.resolve("images")), IMAGE,
                Files.createTempDirectory(root, "image-work"));
        before = HostSnapshot.take(root);
    }

    /** Opens an embedded runtime on this host's directories (a stack closes it), noting what it creates. */
    ContainerRuntime open() {
        if (root == null) {
            throw new IllegalStateException("EmbeddedEngineHost must be registered before the BerthExtension");
        }
        ContainerRuntime runtime = EmbeddedRuntime.open(EngineOptions.at(root, runDir));
        runtime.events(EventQuery.live(LabelSelector.all()), event -> {
            if (event.action().equals("create") && event.type() == RuntimeEvent.Type.CONTAINER) {
                containerIds.add(event.id());
            } else if (event.action().equals("create") && event.type() == RuntimeEvent.Type.NETWORK) {
                networkIds.add(event.id());
            }
        });
        return runtime;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (root == null) {
            return;
        }
        try (ContainerRuntime runtime = EmbeddedRuntime.open(EngineOptions.at(root, runDir))) {
            List<ContainerSummary> left = runtime.list(LabelSelector.all());
            assertEquals(List.of(), left.stream().map(ContainerSummary::name).toList(), "containers left behind");
            assertEquals(List.of(), runtime.listVolumes(LabelSelector.all()), "volumes left behind");
            assertEquals(List.of(), runtime.listNetworks(LabelSelector.all()), "networks left behind");
            HostSnapshot after = HostSnapshot.awaitSettled(root, before);
            assertEquals(List.of(), after.leftOver(before, containerIds, networkIds),
                    "the host keeps parts of containers " + containerIds + " or networks " + networkIds);
        } finally {
            String mounts = Files.readString(Path.of("/proc/self/mounts"));
            for (Path dir : List.of(root, runDir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
            assertFalse(mounts.contains(root.toString()), "a mount of the test engine is left:\n" + mounts);
        }
    }
}
