package dev.berth.embedded.distribution;

import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.DigestMismatchException;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Manifest;
import dev.berth.embedded.image.Platform;
import dev.berth.embedded.image.PlatformSelector;
import dev.berth.embedded.registry.RegistryClient;
import dev.berth.embedded.registry.RegistryEndpoint;
import dev.berth.embedded.registry.RegistryException;
import dev.berth.embedded.registry.RegistryManifest;
import dev.berth.embedded.registry.auth.Credentials;
import dev.berth.runtime.ImageName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Pulls images from registries into an {@link ImageStore}: resolves the reference, picks the platform from an index,
 * downloads the config and then the layers in parallel, each verified against its digest before it enters the store
 * and unpacked as soon as it is (while the others still download), then stores the manifest and tags it. Broken downloads resume where they broke off (a {@code Range} request), up to
 * {@value #RESUME_ATTEMPTS} times. A failed pull tags nothing and leaves no partial blob. Identical pulls running at the
 * same time share one transfer, and so do identical blobs. Images of Docker Hub are tried at its configured mirrors
 * first.
 */
public final class ImagePuller implements AutoCloseable {
    /** How often a broken blob download is resumed (from the byte it broke off) before the pull fails. */
    static final int RESUME_ATTEMPTS = 3;
    private final RegistryClient client;
    private final ImageStore store;
    private final TransferPool pool;
    private final Map<PullKey, CompletableFuture<PullResult>> pulls = new ConcurrentHashMap<>();
    private final Map<Digest, CompletableFuture<Boolean>> blobs = new ConcurrentHashMap<>();

    public ImagePuller(RegistryClient client, ImageStore store) {
        this.client = client;
        this.store = store;
        this.pool = new TransferPool(client.options().parallelLayers(), "berth-pull");
    }

    /** Pulls {@code name} for {@code platform} with the client's credentials; see {@link #pull(ImageName, Platform,
     * Optional, Consumer)}. */
    public PullResult pull(ImageName name, Platform platform, Consumer<TransferProgress> progress) {
        return pull(name, platform, Optional.empty(), progress);
    }

    /**
     * Pulls {@code name} for {@code platform}; {@code credentials}, when given, are used for {@code name}'s registry
     * ahead of the client's own. Images of Docker Hub are tried at its mirrors first, in order, and then at Docker
     * Hub: any failure at a mirror moves on to the next endpoint, keeping the blobs already verified. Progress goes
     * to {@code progress} (from several threads).
     */
    public PullResult pull(ImageName name, Platform platform, Optional<Credentials> credentials,
                           Consumer<TransferProgress> progress) {
        PullKey key = new PullKey(name.canonical(), platform.os() + "/" + platform.architecture(), credentials);
        CompletableFuture<PullResult> mine = new CompletableFuture<>();
        CompletableFuture<PullResult> running = pulls.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            RegistryClient view = credentials.map(c -> client.withCredentials(
                    r -> r.equals(name.registry()) ? Optional.of(c) : Optional.empty())).orElse(client);
            PullResult result;
            try (ImageStore.Lease lease = store.lease()) {
                result = pullFromFirstEndpoint(view, name, platform, progress);
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            pulls.remove(key, mine);
        }
    }

    /** Identical pulls share one transfer; different credentials are different pulls. */
    private record PullKey(String reference, String platform, Optional<Credentials> credentials) {
    }

    private PullResult pullFromFirstEndpoint(RegistryClient view, ImageName name, Platform platform,
                                             Consumer<TransferProgress> progress) {
        List<RegistryEndpoint> endpoints = view.pullEndpoints(name);
        List<String> mirrorFailures = new ArrayList<>();
        for (int i = 0; i < endpoints.size() - 1; i++) {
            try {
                return pullFrom(view, endpoints.get(i), name, platform, progress);
            } catch (RegistryException e) {
                mirrorFailures.add(e.getMessage());
            }
        }
        try {
            return pullFrom(view, endpoints.get(endpoints.size() - 1), name, platform, progress);
        } catch (RegistryException e) {
            if (mirrorFailures.isEmpty()) {
                throw e;
            }
            throw new RegistryException(e.kind(), e.registry(), e.getMessage() + " (mirrors tried first: "
                    + String.join("; ", mirrorFailures) + ")", e);
        }
    }

    private PullResult pullFrom(RegistryClient view, RegistryEndpoint from, ImageName name, Platform platform,
                                Consumer<TransferProgress> progress) {
        RegistryManifest top = view.fetchManifest(from, name);
        RegistryManifest chosen = top;
        Manifest manifest = Manifest.parse(top.content());
        if (manifest.isIndex()) {
            Descriptor entry = PlatformSelector.select(manifest, platform);
            chosen = view.fetchManifest(from, name.withDigest(entry.digest()));
            manifest = Manifest.parse(chosen.content());
            if (manifest.isIndex()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, name.registry(), "the index of "
                        + name.familiar() + " points at another index for " + platform.os() + "/"
                        + platform.architecture() + "; nested indexes are not supported");
            }
        }
        BlobSource source = new BlobSource(view, from, name);
        CompletableFuture<Boolean> configTransfer = fetchShared(source, manifest.config(), progress);
        TransferPool.awaitAll(List.of(configTransfer));
        List<Digest> diffIds = ImageConfig.parse(store.blobs().read(manifest.config().parsedDigest())).diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, name.registry(), "image " + name.familiar()
                    + " from " + from.describe() + " has " + manifest.layers().size() + " layers but its config lists "
                    + diffIds.size() + " diff_ids; the image is corrupt (push it again)");
        }
        List<CompletableFuture<Boolean>> transfers = new ArrayList<>(List.of(configTransfer));
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            Digest diffId = diffIds.get(i);
            transfers.add(fetchShared(source, layer, progress).thenCompose(downloaded -> pool.submit(() -> {
                unpack(name, layer, diffId, progress);
                return downloaded;
            })));
        }
        TransferPool.awaitAll(transfers);
        boolean downloaded = transfers.stream().anyMatch(CompletableFuture::join);
        Digest stored = store.addManifest(chosen.content());
        if (top != chosen) {
            store.blobs().put(top.content());
        }
        if (name.digest() == null) {
            store.tag(stored, name.familiar());
        }
        Digest imageId = manifest.config().parsedDigest();
        ImageConfig.parse(store.blobs().read(imageId));
        return new PullResult(name, top.digest(), imageId, downloaded);
    }

    /**
     * Unpacks a verified layer into the store (once per diffID), as soon as it arrived, while the others still
     * download: containers of the image start without unpacking, and a layer that cannot be unpacked safely fails the
     * pull before anything is tagged.
     */
    private void unpack(ImageName name, Descriptor layer, Digest diffId, Consumer<TransferProgress> progress) {
        try {
            store.unpack(layer.parsedDigest(), diffId);
        } catch (dev.berth.embedded.image.ImageStoreException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, name.registry(), "layer " + layer.digest()
                    + " of " + name.familiar() + " cannot be unpacked: " + e.getMessage(), e);
        }
        progress.accept(new TransferProgress(name.familiar(), layer.digest(), TransferProgress.Stage.UNPACKED,
                layer.size(), layer.size()));
    }

    /** Where a pull's blobs come from: the endpoint that served its manifest, through the pull's client. */
    private record BlobSource(RegistryClient client, RegistryEndpoint endpoint, ImageName name) {
    }

    /** Downloads a blob unless present or already being downloaded; true when this call's future downloaded it. */
    private CompletableFuture<Boolean> fetchShared(BlobSource source, Descriptor blob,
                                                   Consumer<TransferProgress> progress) {
        ImageName name = source.name();
        Digest digest = blob.parsedDigest();
        if (store.blobs().contains(digest)) {
            progress.accept(new TransferProgress(name.familiar(), digest.toString(), TransferProgress.Stage.EXISTS,
                    blob.size(), blob.size()));
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> created = new CompletableFuture<>();
        CompletableFuture<Boolean> existing = blobs.putIfAbsent(digest, created);
        if (existing != null) {
            return existing.thenApply(ignored -> false);
        }
        pool.submit(() -> download(source, blob, digest, progress)).whenComplete((ok, failure) -> {
            blobs.remove(digest, created);
            if (failure != null) {
                created.completeExceptionally(TransferPool.unwrap(failure));
            } else {
                created.complete(ok);
            }
        });
        return created;
    }

    private boolean download(BlobSource source, Descriptor blob, Digest digest, Consumer<TransferProgress> progress) {
        ImageName name = source.name();
        String image = name.familiar();
        progress.accept(new TransferProgress(image, digest.toString(), TransferProgress.Stage.TRANSFERRING, 0, blob.size()));
        try (InputStream in = new CountingInputStream(open(source, blob, digest), n -> progress.accept(
                new TransferProgress(image, digest.toString(), TransferProgress.Stage.TRANSFERRING, n, blob.size())))) {
            store.blobs().put(in, Optional.of(digest));
        } catch (DigestMismatchException e) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, name.registry(), "blob " + digest
                    + " of " + image + " from " + source.endpoint().describe() + " has digest " + e.actual()
                    + "; it was rejected and nothing of it was stored (the registry's copy is corrupt: push the image again)");
        } catch (IOException e) {
            throw new UncheckedIOException("download of blob " + digest + " of " + image + " from "
                    + source.endpoint().describe() + " was interrupted", e);
        } catch (UncheckedIOException e) {
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, name.registry(), "download of blob "
                    + digest + " of " + image + " from " + source.endpoint().describe() + " broke off: "
                    + e.getCause().getMessage() + " (pull again)", e);
        }
        progress.accept(new TransferProgress(image, digest.toString(), TransferProgress.Stage.DONE, blob.size(), blob.size()));
        return true;
    }

    /**
     * The blob's bytes: from the registry (resuming broken downloads), or for a non-distributable layer from the
     * first of its URLs that answers, as Docker does.
     */
    private InputStream open(BlobSource source, Descriptor blob, Digest digest) {
        ImageName name = source.name();
        RegistryClient client = source.client();
        if (!blob.isNonDistributable() || blob.urlsOrEmpty().isEmpty()) {
            return new ResumingInputStream(offset -> client.openBlob(source.endpoint(), name, digest, offset),
                    RESUME_ATTEMPTS);
        }
        RegistryException last = null;
        for (String url : blob.urlsOrEmpty()) {
            try {
                return client.openExternal(name.registry(), url);
            } catch (RegistryException e) {
                last = e;
            }
        }
        throw new RegistryException(last.kind(), name.registry(), "non-distributable layer " + digest + " of "
                + name.familiar() + " could not be fetched from any of its URLs " + blob.urlsOrEmpty() + ": "
                + last.getMessage());
    }

    private static PullResult join(CompletableFuture<PullResult> running) {
        try {
            return running.join();
        } catch (RuntimeException e) {
            throw TransferPool.unwrap(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
