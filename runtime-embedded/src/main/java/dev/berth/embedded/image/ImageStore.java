package dev.berth.embedded.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local image store: blobs, manifests, tags, images that lost their tags (dangling), and layers unpacked once per
 * diffID under {@code <root>/layers/<diffID hex>}. Content that no image, dangling image or extra root reaches is
 * deleted by {@link #collectGarbage}; whoever adds content holds a {@link #lease()} meanwhile. Thread-safe.
 */
public final class ImageStore {
    private final Path root;
    private final BlobStore blobs;
    private final TagStore tags;
    private final DanglingImages dangling;
    private final Path layers;
    private final LayerUnpacker unpacker;
    private final Map<Digest, Object> layerLocks = new ConcurrentHashMap<>();
    private final java.util.concurrent.locks.ReentrantReadWriteLock content =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    private ImageStore(Path root, boolean privileged) {
        this.root = root;
        this.blobs = new BlobStore(root);
        this.tags = new TagStore(root.resolve("tags.json"));
        this.dangling = new DanglingImages(root.resolve("dangling.json"));
        this.layers = root.resolve("layers");
        this.unpacker = new LayerUnpacker(privileged, privileged);
        try {
            Files.createDirectories(layers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens (creating if needed) a store; whiteouts and owners are applied only when running as root. */
    public static ImageStore open(Path root) {
        return new ImageStore(root, "root".equals(System.getProperty("user.name")));
    }

    public BlobStore blobs() {
        return blobs;
    }

    Path ingestDir() {
        return root.resolve("ingest");
    }

    /** Stores a manifest whose config and layer blobs are already present; returns its digest. */
    public Digest addManifest(byte[] manifestJson) {
        Manifest manifest = Manifest.parse(manifestJson);
        List<Descriptor> needed = new ArrayList<>();
        if (manifest.isIndex()) {
            needed.addAll(manifest.manifests());
        } else {
            needed.add(manifest.config());
            needed.addAll(manifest.layers());
        }
        for (Descriptor descriptor : needed) {
            if (!blobs.contains(descriptor.parsedDigest())) {
                throw new ImageStoreException("manifest refers to missing blob " + descriptor.digest()
                        + " (store the blobs before the manifest)");
            }
        }
        return blobs.put(manifestJson);
    }

    /** Points {@code reference} at {@code manifest}; an image that loses its last tag this way becomes dangling. */
    public void tag(Digest manifest, String reference) {
        if (!blobs.contains(manifest)) {
            throw new ImageStoreException("cannot tag unknown manifest " + manifest);
        }
        synchronized (tags) {
            Optional<Digest> before = tags.put(reference, manifest);
            dangling.remove(manifest);
            before.filter(b -> !b.equals(manifest)).ifPresent(this::danglingUnlessTagged);
        }
    }

    /**
     * Points the temporary {@code reference} at {@code manifest} (a build step running a container from it) until
     * the returned tag is closed. Closing removes the tag and leaves the image as it was: it does not become
     * dangling, so what only the temporary tag held goes with the next garbage collection.
     */
    public TemporaryTag tagTemporarily(Digest manifest, String reference) {
        boolean wasDangling;
        synchronized (tags) {
            wasDangling = dangling.all().contains(manifest);
            tag(manifest, reference);
        }
        return () -> {
            synchronized (tags) {
                tags.remove(reference);
                if (wasDangling && !tags.all().containsValue(manifest)) {
                    dangling.add(manifest);
                }
            }
        };
    }

    /** A tag held by {@link #tagTemporarily}; {@link #close} removes it. */
    public interface TemporaryTag extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Removes a tag; returns false when it did not exist. An image that loses its last tag becomes dangling; its
     * content stays until {@link #delete} and {@link #collectGarbage}.
     */
    public boolean untag(String reference) {
        synchronized (tags) {
            Optional<Digest> removed = tags.remove(reference);
            removed.ifPresent(this::danglingUnlessTagged);
            return removed.isPresent();
        }
    }

    private void danglingUnlessTagged(Digest stored) {
        if (!tags.all().containsValue(stored)) {
            dangling.add(stored);
        }
    }

    /** Forgets {@code image}: its tags and its dangling record. Its content stays until {@link #collectGarbage}. */
    public void delete(Image image) {
        synchronized (tags) {
            tags.all().forEach((tag, digest) -> {
                if (digest.equals(image.stored())) {
                    tags.remove(tag);
                }
            });
            dangling.remove(image.stored());
        }
    }

    /**
     * Held while content is added (a pull, a build, a load), from the first blob to the tag: {@link #collectGarbage}
     * waits until no lease is open, so it never takes blobs that a manifest is about to refer to.
     */
    public Lease lease() {
        content.readLock().lock();
        return () -> content.readLock().unlock();
    }

    /** An open {@link #lease()}; closed on the thread that took it. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Deletes every blob and unpacked layer that no tagged or dangling image and none of {@code extraRoots}
     * (manifests the caller keeps, such as the build cache's) refers to; returns the bytes freed.
     */
    public long collectGarbage(java.util.Set<Digest> extraRoots) {
        content.writeLock().lock();
        try {
            java.util.Set<Digest> roots = new java.util.HashSet<>(extraRoots);
            synchronized (tags) {
                roots.addAll(tags.all().values());
                roots.addAll(dangling.all());
            }
            return new GarbageCollector(blobs, blobs.directory(), layers)
                    .collect(roots).bytes();
        } finally {
            content.writeLock().unlock();
        }
    }

    /**
     * Resolves {@code name[:tag]}, {@code name@sha256:<manifest>}, an image id {@code sha256:<config>} or a unique
     * id prefix of at least 4 hex digits to a runnable image for this host's platform.
     */
    public Image resolve(String reference) {
        Map<String, Digest> all = tags.all();
        Digest manifest = null;
        if (reference.contains("@")) {
            manifest = Digest.parse(reference.substring(reference.indexOf('@') + 1));
        } else if (all.containsKey(ImageReference.normalize(reference))) {
            manifest = all.get(ImageReference.normalize(reference));
        } else {
            String prefix = reference.startsWith("sha256:") ? reference.substring(7) : reference;
            if (prefix.matches("[0-9a-f]{4,64}")) {
                List<Image> matches = list().stream().filter(i -> i.id().hex().startsWith(prefix)).toList();
                if (matches.size() == 1) {
                    return matches.get(0);
                }
            }
        }
        if (manifest == null || !blobs.contains(manifest)) {
            throw new ImageNotFoundException(reference);
        }
        return image(manifest, all);
    }

    public Optional<Image> find(String reference) {
        try {
            return Optional.of(resolve(reference));
        } catch (ImageNotFoundException e) {
            return Optional.empty();
        }
    }

    /** All tagged images, one entry per image id, ordered by first tag; then the dangling ones (no tags). */
    public List<Image> list() {
        Map<String, Digest> all = tags.all();
        Map<Digest, Image> byId = new LinkedHashMap<>();
        java.util.Set<Digest> stored = new java.util.LinkedHashSet<>(all.values());
        stored.addAll(dangling.all());
        for (Digest manifest : stored) {
            if (!blobs.contains(manifest)) {
                continue;
            }
            Image image = image(manifest, all);
            byId.putIfAbsent(image.id(), image);
        }
        return List.copyOf(byId.values());
    }

    private Image image(Digest manifestDigest, Map<String, Digest> all) {
        Manifest manifest = Manifest.parse(blobs.read(manifestDigest));
        Digest imageManifest = manifestDigest;
        if (manifest.isIndex()) {
            Descriptor chosen = PlatformSelector.select(manifest, Platform.host());
            imageManifest = chosen.parsedDigest();
            manifest = Manifest.parse(blobs.read(imageManifest));
        }
        Digest configDigest = manifest.config().parsedDigest();
        ImageConfig config = ImageConfig.parse(blobs.read(configDigest));
        List<String> imageTags = new ArrayList<>();
        all.forEach((tag, digest) -> {
            if (digest.equals(manifestDigest)) {
                imageTags.add(tag);
            }
        });
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new ImageStoreException("image " + configDigest.shortHex() + " has " + manifest.layers().size()
                    + " layers but " + config.diffIds().size() + " diff_ids (the image is corrupt)");
        }
        return new Image(configDigest, imageManifest, config, manifest.layers(), config.diffIds(), imageTags,
                manifestDigest);
    }

    /** The unpacked layer directories of an image, bottom layer first; unpacks the missing ones. */
    public List<Path> layerDirs(Image image) {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            dirs.add(unpack(image.layers().get(i).parsedDigest(), image.diffIds().get(i)));
        }
        return List.copyOf(dirs);
    }

    /** Where the layer with this diffID is (or will be) unpacked. */
    public Path layerDir(Digest diffId) {
        return layers.resolve(diffId.hex());
    }

    /**
     * Unpacks the layer blob {@code blob} into {@link #layerDir(Digest)} of {@code diffId} unless it is there already,
     * checking that the unpacked content has that diffID; returns the directory. Safe to call concurrently.
     */
    public Path unpack(Digest blob, Digest diffId) {
        Path dir = layerDir(diffId);
        synchronized (layerLocks.computeIfAbsent(diffId, d -> new Object())) {
            if (Files.isDirectory(dir)) {
                return dir;
            }
            Path temp = layers.resolve("tmp-" + diffId.hex());
            try {
                deleteTree(temp);
                Files.createDirectories(temp);
                Digest actual;
                try (InputStream in = blobs.open(blob)) {
                    actual = unpacker.unpack(in, temp);
                }
                if (!actual.equals(diffId)) {
                    throw new ImageStoreException("layer " + blob + " unpacks to diffID " + actual + " but the image says "
                            + diffId + " (the image is corrupt)");
                }
                Files.move(temp, dir);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    deleteTree(temp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Loads a {@code docker save} archive or an OCI image layout archive; returns the tags (or ids) loaded. */
    public List<String> load(Path archive) {
        try (Lease lease = lease()) {
            return new ArchiveLoader(this).load(archive);
        }
    }

    /** Writes the images to a {@code docker save}-compatible archive (manifest.json + config + layer tars). */
    public void save(List<String> references, Path archive) {
        new DockerArchiveWriter(this).write(references, archive);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
