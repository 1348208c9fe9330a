package dev.berth.embedded.build;

import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Builds images from Dockerfiles on the embedded engine: RUN steps run in engine containers and their overlay
 * upper directory becomes the layer; COPY/ADD layers are written straight from the sources; metadata instructions
 * change the config. Steps are cached under {@code <engine root>/build/cache}. Thread-safe for distinct requests.
 */
public final class ImageBuilder {
    private final EmbeddedEngine engine;
    private final Path engineRoot;
    private final Path buildRoot;
    private final BuildCache cache;
    private final CacheMounts cacheMounts;

    /** {@code options} must be the ones the engine was opened with (the builder reads container upper dirs). */
    public ImageBuilder(EmbeddedEngine engine, EngineOptions options) {
        this.engine = engine;
        this.engineRoot = options.root();
        this.buildRoot = options.root().resolve("build");
        try {
            Files.createDirectories(buildRoot.resolve("tmp"));
            Files.createDirectories(buildRoot.resolve("mounts"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.cache = new BuildCache(BuildCache.directory(options.root()), engine.images().blobs());
        this.cacheMounts = new CacheMounts(options.root());
    }

    /**
     * Builds the request from local images only; progress goes to {@code events}. Throws {@link DockerfileException}
     * with the line.
     */
    public BuildResult build(BuildRequest request, Consumer<BuildEvent> events) {
        return build(request, BaseImages.OFFLINE, events);
    }

    /**
     * Builds the request; images the Dockerfile names that the store lacks (or all of them, when the request pulls)
     * come from {@code baseImages}. Throws {@link DockerfileException} with the line.
     */
    public BuildResult build(BuildRequest request, BaseImages baseImages, Consumer<BuildEvent> events) {
        String text = dockerfileText(request);
        Dockerfile dockerfile = DockerfileParser.parse(text);
        Path tmp;
        try {
            tmp = Files.createTempDirectory(buildRoot.resolve("tmp"), "build");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (ImageStore.Lease lease = engine.images().lease()) {
            return new BuildRun(this, request, dockerfile, baseImages, events, tmp).execute();
        } finally {
            if (Mounts.mountsUnder(tmp).isEmpty()) {
                Files2.deleteTree(tmp);
            }
        }
    }

    private static String dockerfileText(BuildRequest request) {
        if (request.dockerfileText() != null) {
            return request.dockerfileText();
        }
        Path file = request.contextDir().resolve(request.dockerfile());
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DockerfileException(0, "no Dockerfile at " + file, "set build.dockerfile or add the file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EmbeddedEngine engine() {
        return engine;
    }

    BuildCache cache() {
        return cache;
    }

    Path snapshotUpper(String containerId) {
        return engineRoot.resolve("snapshots").resolve(containerId).resolve("upper");
    }

    CacheMounts cacheMounts() {
        return cacheMounts;
    }
}
