package dev.berth.embedded.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Imports {@code docker save} archives (manifest.json) and OCI image layout archives (index.json). */
final class ArchiveLoader {
    private final ImageStore store;

    ArchiveLoader(ImageStore store) {
        this.store = store;
    }

    /** One entry of a docker-save {@code manifest.json}. */
    record DockerArchiveEntry(@JsonProperty("Config") String config, @JsonProperty("RepoTags") List<String> repoTags,
                              @JsonProperty("Layers") List<String> layers) {
    }

    List<String> load(Path archive) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(store.ingestDir(), "load");
            try (InputStream in = Files.newInputStream(archive)) {
                new LayerUnpacker(false, false).unpack(in, dir);
            }
            if (Files.exists(file(dir, "manifest.json"))) {
                return loadDocker(dir);
            }
            if (Files.exists(file(dir, "index.json"))) {
                return loadOci(dir);
            }
            throw new ImageStoreException("'" + archive + "' has neither manifest.json nor index.json"
                    + " (expected an archive written by 'docker save' or an OCI image layout)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try {
                    ImageStore.deleteTree(dir);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private List<String> loadDocker(Path dir) throws IOException {
        List<DockerArchiveEntry> entries = Json.MAPPER.readValue(Files.readAllBytes(file(dir, "manifest.json")),
                new TypeReference<List<DockerArchiveEntry>>() { });
        List<String> loaded = new ArrayList<>();
        BlobStore blobs = store.blobs();
        for (DockerArchiveEntry entry : entries) {
            byte[] configBytes = Files.readAllBytes(file(dir, entry.config()));
            Digest configDigest = blobs.put(configBytes);
            ImageConfig config = ImageConfig.parse(configBytes);
            List<Digest> diffIds = config.diffIds();
            if (diffIds.size() != entry.layers().size()) {
                throw new ImageStoreException("image " + entry.config() + " lists " + entry.layers().size()
                        + " layers but its config has " + diffIds.size() + " diff_ids (the archive is corrupt)");
            }
            List<Descriptor> layers = new ArrayList<>();
            for (int i = 0; i < entry.layers().size(); i++) {
                Path layerFile = file(dir, entry.layers().get(i));
                Digest blob;
                try (InputStream in = Files.newInputStream(layerFile)) {
                    blob = blobs.put(in, Optional.empty());
                }
                boolean gzip;
                try (InputStream in = blobs.open(blob)) {
                    gzip = Compression.isGzip(in);
                }
                Digest diffId = gzip ? uncompressedDigest(blob) : blob;
                if (!diffId.equals(diffIds.get(i))) {
                    throw new ImageStoreException("layer " + entry.layers().get(i) + " has diffID " + diffId
                            + " but the config says " + diffIds.get(i) + " (the archive is corrupt)");
                }
                layers.add(Descriptor.of(gzip ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.DOCKER_LAYER, blob,
                        blobs.size(blob)));
            }
            Manifest manifest = Manifest.image(MediaTypes.DOCKER_MANIFEST,
                    Descriptor.of(MediaTypes.DOCKER_CONFIG, configDigest, configBytes.length), layers);
            Digest manifestDigest = store.addManifest(Json.write(manifest));
            if (entry.repoTags() == null || entry.repoTags().isEmpty()) {
                loaded.add(configDigest.toString());
            }
            for (String tag : entry.repoTags() == null ? List.<String>of() : entry.repoTags()) {
                store.tag(manifestDigest, tag);
                loaded.add(ImageReference.normalize(tag));
            }
        }
        return List.copyOf(loaded);
    }

    private Digest uncompressedDigest(Digest blob) throws IOException {
        MessageDigest sha = Digest.newSha256();
        try (InputStream in = new DigestInputStream(Compression.decompressed(store.blobs().open(blob)), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Digest.of(sha);
    }

    private List<String> loadOci(Path dir) throws IOException {
        Manifest index = Manifest.parse(Files.readAllBytes(file(dir, "index.json")));
        if (index.manifests() == null) {
            throw new ImageStoreException("index.json lists no manifests");
        }
        List<String> loaded = new ArrayList<>();
        for (Descriptor descriptor : index.manifests()) {
            Digest manifestDigest = importTree(dir, descriptor);
            String name = descriptor.annotation("io.containerd.image.name");
            if (name == null) {
                name = descriptor.annotation("org.opencontainers.image.ref.name");
            }
            if (name != null && (name.contains(":") || name.contains("/"))) {
                store.tag(manifestDigest, name);
                loaded.add(ImageReference.normalize(name));
            } else {
                loaded.add(store.resolve(manifestDigestReference(manifestDigest)).id().toString());
            }
        }
        return List.copyOf(loaded);
    }

    private static String manifestDigestReference(Digest manifest) {
        return "image@" + manifest;
    }

    /** Copies a manifest or index and everything it references, verifying every digest. */
    private Digest importTree(Path dir, Descriptor descriptor) throws IOException {
        Digest digest = descriptor.parsedDigest();
        byte[] bytes = Files.readAllBytes(file(dir, "blobs/sha256/" + digest.hex()));
        if (!Digest.of(bytes).equals(digest)) {
            throw new ImageStoreException("blob " + digest + " in the archive does not match its digest");
        }
        Manifest manifest = Manifest.parse(bytes);
        if (manifest.isIndex()) {
            for (Descriptor child : manifest.manifests()) {
                if (MediaTypes.MANIFESTS.contains(child.mediaType()) || MediaTypes.INDEXES.contains(child.mediaType())) {
                    Path childFile = file(dir, "blobs/sha256/" + child.parsedDigest().hex());
                    if (Files.exists(childFile)) {
                        importTree(dir, child);
                    }
                }
            }
        } else {
            importBlob(dir, manifest.config());
            for (Descriptor layer : manifest.layers()) {
                importBlob(dir, layer);
            }
        }
        return store.addManifest(bytes);
    }

    private void importBlob(Path dir, Descriptor descriptor) throws IOException {
        Digest digest = descriptor.parsedDigest();
        if (store.blobs().contains(digest)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file(dir, "blobs/sha256/" + digest.hex()))) {
            store.blobs().put(in, Optional.of(digest));
        }
    }

    private static Path file(Path dir, String name) {
        return ScopedPath.resolve(dir, ScopedPath.components(name), ScopedPath.Links.REFUSE_ESCAPES, false);
    }
}
