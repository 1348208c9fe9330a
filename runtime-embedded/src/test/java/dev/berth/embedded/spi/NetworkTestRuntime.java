package dev.berth.embedded.spi;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.util.Files2;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.NetworkSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link EmbeddedRuntime} of each test's own ({@code @RegisterExtension}, per test): a fresh engine root in a
 * temporary directory with one test image, and a run id whose {@code test.run} label marks the test's containers
 * and networks. After the test those are removed, the runtime is closed, what is still mounted below the root is
 * unmounted and the directory deleted, even when the test failed. Skips the test unless containers can run here.
 */
final class NetworkTestRuntime implements BeforeEachCallback, AfterEachCallback {
    /** Commits the test image as {@code tag} to {@code store}; {@code work} holds intermediate files. */
    @FunctionalInterface
    interface ImageBuilder {
        Image build(ImageStore store, String tag, Path work);
    }

    static final String LABEL = "test.run";

    private final String prefix;
    private final String image;
    private final ImageBuilder builder;
    private Path temp;
    private EngineOptions options;
    private EmbeddedRuntime runtime;
    private String run;

    /** {@code prefix} starts the temporary directory's name; {@code image} is built by {@code builder}. */
    NetworkTestRuntime(String prefix, String image, ImageBuilder builder) {
        this.prefix = prefix;
        this.image = image;
        this.builder = builder;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        ContainerHost.assumeContainersCanRun();
        temp = Files.createTempDirectory(prefix);
        options = EngineOptions.at(temp.resolve("lib"), temp.resolve("run"));
        runtime = EmbeddedRuntime.open(options);
        builder.build(runtime.engine().images(), image, temp);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (runtime != null && run != null) {
                for (ContainerSummary c : runtime.list(LabelSelector.of(LABEL, run))) {
                    runtime.remove(c.id(), true, true);
                }
                for (NetworkSummary n : runtime.listNetworks(LabelSelector.of(LABEL, run))) {
                    runtime.removeNetwork(n.name());
                }
            }
        } finally {
            if (runtime != null) {
                runtime.close();
                runtime = null;
            }
            if (temp != null) {
                for (Path mount : Mounts.mountsUnder(temp)) {
                    new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
                }
                Files2.deleteTree(temp);
            }
        }
    }

    EmbeddedRuntime runtime() {
        return runtime;
    }

    /** This test's run id: a random 8 characters. */
    String run() {
        return run;
    }

    /** The label that marks what this test creates (and what is removed after it). */
    Map<String, String> labels() {
        return Map.of(LABEL, run);
    }

    /** The engine's root and run directories are below this one. */
    Path temp() {
        return temp;
    }

    /** Closes the runtime and opens a new one on the same directories, as an engine restart does; returns it. */
    EmbeddedRuntime reopen() {
        runtime.close();
        runtime = EmbeddedRuntime.open(options);
        return runtime;
    }
}
