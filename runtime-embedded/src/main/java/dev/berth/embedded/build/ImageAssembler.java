package dev.berth.embedded.build;

import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.image.Manifest;
import dev.berth.embedded.image.MediaTypes;
import dev.berth.embedded.image.Platform;
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

/**
 * Writes build states to the image store as untagged images (config blob + Docker v2 manifest, no creation time so
 * that equal inputs give equal ids) and reads them back.
 */
final class ImageAssembler {
    private final ImageStore store;

    ImageAssembler(ImageStore store) {
        this.store = store;
    }

    /** Docker's default search path, which dockerd's builder gives every image built FROM scratch. */
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** An empty image whose config has only the default PATH, as dockerd's builder starts FROM scratch. */
    ImageState scratch() {
        ConfigDraft config = new ConfigDraft();
        config.env = new java.util.ArrayList<>(List.of(DEFAULT_PATH));
        return new ImageState(null, null, List.of(), List.of(), config, null, List.of());
    }

    ImageState load(Digest manifestDigest) {
        return fromImage(store.resolve("berth-build@" + manifestDigest));
    }

    ImageState fromImage(Image image) {
        byte[] configBlob = store.blobs().read(image.id());
        @SuppressWarnings("unchecked")
        Map<String, Object> top = Json.read(configBlob, Map.class);
        Object inner = top.get("config");
        ConfigDraft config = inner == null ? new ConfigDraft() : ConfigDraft.parse(Json.write(inner));
        return new ImageState(image.manifestDigest(), image.id(), image.layers(),
                image.diffIds().stream().map(Digest::toString).toList(), config, (String) top.get("author"),
                image.config().historyEntries());
    }

    /** Stores a plain layer tar as a blob; returns its descriptor (the digest is also the diffID). */
    Descriptor addLayer(Path tar) {
        try (InputStream in = Files.newInputStream(tar)) {
            Digest digest = store.blobs().put(in, Optional.empty());
            return Descriptor.of(MediaTypes.DOCKER_LAYER, digest, store.blobs().size(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ImageState commit(ImageState parent, Descriptor newLayer, ConfigDraft config, String author) {
        return commit(parent, newLayer, config, author, List.of());
    }

    /** {@link #commit} with {@code added} appended to the parent's history. */
    ImageState commit(ImageState parent, Descriptor newLayer, ConfigDraft config, String author,
                      List<ImageConfig.History> added) {
        List<Descriptor> layers = new ArrayList<>(parent.layers());
        List<String> diffIds = new ArrayList<>(parent.diffIds());
        if (newLayer != null) {
            layers.add(newLayer);
            diffIds.add(newLayer.digest());
        }
        Map<String, Object> blob = new LinkedHashMap<>();
        blob.put("architecture", Platform.host().architecture());
        blob.put("os", "linux");
        if (author != null) {
            blob.put("author", author);
        }
        blob.put("config", config);
        blob.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        List<ImageConfig.History> history = new ArrayList<>(parent.history());
        history.addAll(added);
        if (!history.isEmpty()) {
            blob.put("history", history);
        }
        byte[] configBytes = Json.write(blob);
        Digest configDigest = store.blobs().put(configBytes);
        Manifest manifest = Manifest.image(MediaTypes.DOCKER_MANIFEST,
                Descriptor.of(MediaTypes.DOCKER_CONFIG, configDigest, configBytes.length), layers);
        Digest manifestDigest = store.addManifest(Json.write(manifest));
        return new ImageState(manifestDigest, configDigest, layers, diffIds, config.copy(), author, history);
    }

    /** The unpacked layer directories of a state, bottom first. */
    List<Path> layerDirs(ImageState state) {
        if (state.manifest() == null) {
            return List.of();
        }
        return store.layerDirs(store.resolve("berth-build@" + state.manifest()));
    }

    ImageStore store() {
        return store;
    }
}
