package dev.berth.embedded.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Commits an image from plain layer tars and run defaults (the builder's last step; also used by tests). */
public final class ImageWriter {
    private final ImageStore store;

    public ImageWriter(ImageStore store) {
        this.store = store;
    }

    /** Stores the layers (bottom first), writes an OCI config and a Docker v2 manifest, and tags it. */
    public Image commit(String reference, ImageConfig.Defaults defaults, List<Path> plainLayerTars) {
        try (ImageStore.Lease lease = store.lease()) {
            return write(reference, defaults, plainLayerTars);
        }
    }

    private Image write(String reference, ImageConfig.Defaults defaults, List<Path> plainLayerTars) {
        List<Descriptor> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (Path tar : plainLayerTars) {
            Digest digest;
            try (InputStream in = Files.newInputStream(tar)) {
                digest = store.blobs().put(in, Optional.empty());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            layers.add(Descriptor.of(MediaTypes.DOCKER_LAYER, digest, store.blobs().size(digest)));
            diffIds.add(digest.toString());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", Platform.host().architecture());
        config.put("os", "linux");
        config.put("config", defaults);
        config.put("rootfs", new ImageConfig.RootFs("layers", diffIds));
        byte[] configBytes = Json.write(config);
        Digest configDigest = store.blobs().put(configBytes);
        Manifest manifest = Manifest.image(MediaTypes.DOCKER_MANIFEST,
                Descriptor.of(MediaTypes.DOCKER_CONFIG, configDigest, configBytes.length), layers);
        Digest manifestDigest = store.addManifest(Json.write(manifest));
        store.tag(manifestDigest, reference);
        return store.resolve(reference);
    }
}
