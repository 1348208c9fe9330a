package dev.berth.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.spi.EmbeddedRuntime;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LabelSelector;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded engine on private temp directories with the busybox test image, for a test class. Register it before
 * the {@link BerthExtension}: its afterAll then runs after the stack's teardown, checks that no container and no
 * mount of the engine is left, and deletes the directories. Skips the class where containers cannot run.
 */
final class EmbeddedEngineHost implements BeforeAllCallback, AfterAllCallback {
    static final String IMAGE = "berth-junit/busybox:latest";

    private Path root;
    private Path runDir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ContainerHost.assumeContainersCanRun();
        root = Files.createTempDirectory("berth-junit-root");
        runDir = Files.createTempDirectory("berth-junit-run");
        BusyboxImage.build(ImageStore.open(root.resolve("images")), IMAGE,
                Files.createTempDirectory(root, "image-work"));
    }

    /** Opens an embedded runtime on this host's directories (a stack closes it). */
    ContainerRuntime open() {
        if (root == null) {
            throw new IllegalStateException("EmbeddedEngineHost must be registered before the BerthExtension");
        }
        return EmbeddedRuntime.open(EngineOptions.at(root, runDir));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (root == null) {
            return;
        }
        try (ContainerRuntime runtime = open()) {
            List<ContainerSummary> left = runtime.list(LabelSelector.all());
            assertEquals(List.of(), left.stream().map(ContainerSummary::name).toList(), "containers left behind");
            assertEquals(List.of(), runtime.listVolumes(LabelSelector.all()), "volumes left behind");
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
