package dev.berth.embedded.distribution;

import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Manifest;
import dev.berth.embedded.image.MediaTypes;
import dev.berth.embedded.registry.RegistryClient;
import dev.berth.embedded.registry.auth.Credentials;
import dev.berth.runtime.ImageName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Pushes an image of the store to the registry its name points at: every blob the repository lacks is mounted from
 * another repository of the same registry the image is tagged in, or uploaded (in parallel); then the manifest is
 * put under the tag. Non-distributable layers stay out of the registry, as Docker does by default: pullers fetch
 * them from their URLs.
 */
public final class ImagePusher implements AutoCloseable {
    private final RegistryClient client;
    private final ImageStore store;
    private final TransferPool pool;

    public ImagePusher(RegistryClient client, ImageStore store) {
        this.client = client;
        this.store = store;
        this.pool = new TransferPool(client.options().parallelLayers(), "berth-push");
    }

    /** Pushes the local image tagged {@code name} to {@code name}'s registry and repository. */
    public PushResult push(ImageName name, Consumer<TransferProgress> progress) {
        return push(name, Optional.empty(), progress);
    }

    /**
     * Pushes the local image tagged {@code name}; {@code credentials}, when given, are used for {@code name}'s registry
     * ahead of the client's own.
     */
    public PushResult push(ImageName name, Optional<Credentials> credentials, Consumer<TransferProgress> progress) {
        RegistryClient client = credentials.map(c -> this.client.withCredentials(
                r -> r.equals(name.registry()) ? Optional.of(c) : Optional.empty())).orElse(this.client);
        Image image = store.resolve(name.familiar());
        byte[] manifestJson = store.blobs().read(image.manifestDigest());
        Manifest manifest = Manifest.parse(manifestJson);
        Optional<String> mountFrom = otherRepository(image, name);
        List<Descriptor> blobs = new ArrayList<>(manifest.layers());
        blobs.add(manifest.config());
        List<CompletableFuture<Boolean>> uploads = new ArrayList<>();
        for (Descriptor blob : blobs) {
            uploads.add(pool.submit(() -> pushBlob(client, name, blob, mountFrom, progress)));
        }
        TransferPool.awaitAll(uploads);
        int uploaded = (int) uploads.stream().filter(CompletableFuture::join).count();
        String mediaType = manifest.mediaType() != null ? manifest.mediaType() : MediaTypes.OCI_MANIFEST;
        Digest digest = client.putManifest(name, name.manifestReference(), mediaType, manifestJson);
        return new PushResult(name, digest, uploaded);
    }

    private boolean pushBlob(RegistryClient client, ImageName name, Descriptor blob, Optional<String> mountFrom,
                             Consumer<TransferProgress> progress) {
        Digest digest = blob.parsedDigest();
        String image = name.familiar();
        long size = store.blobs().size(digest);
        if (blob.isNonDistributable()) {
            progress.accept(new TransferProgress(image, digest.toString(), TransferProgress.Stage.NOT_DISTRIBUTABLE, 0, size));
            return false;
        }
        if (client.blobExists(name, digest)) {
            progress.accept(new TransferProgress(image, digest.toString(), TransferProgress.Stage.EXISTS, size, size));
            return false;
        }
        boolean mounted = client.uploadBlob(name, digest, size, () -> store.blobs().open(digest), mountFrom,
                n -> progress.accept(new TransferProgress(image, digest.toString(),
                        TransferProgress.Stage.TRANSFERRING, n, size)));
        progress.accept(new TransferProgress(image, digest.toString(),
                mounted ? TransferProgress.Stage.MOUNTED : TransferProgress.Stage.DONE, size, size));
        return !mounted;
    }

    /** Another repository of the same registry this image is tagged in, to mount blobs from. */
    private static Optional<String> otherRepository(Image image, ImageName target) {
        return image.tags().stream().filter(ImageName::isValid).map(ImageName::parse)
                .filter(n -> n.registry().equals(target.registry()) && !n.repository().equals(target.repository()))
                .map(ImageName::repository).findFirst();
    }

    @Override
    public void close() {
        pool.close();
    }
}
