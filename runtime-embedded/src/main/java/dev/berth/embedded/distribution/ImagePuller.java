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
import dev.berth.embedded.registry.RegistryException;
import dev.berth.embedded.registry.RegistryManifest;
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
 * downloads config and layers in parallel, each verified against its digest before it enters the store, then stores
 * the manifest and tags it. Broken downloads resume where they broke off (a {@code Range} request), up to
 * {@value #RESUME_ATTEMPTS} times. A failed pull tags nothing and leaves no partial blob. Identical pulls running at the
 * same time share one transfer, and so do identical blobs.
 */
public final class ImagePuller implements AutoCloseable {
    /** How often a broken blob download is resumed (from the byte it broke off) before the pull fails. */
    static final int RESUME_ATTEMPTS = 3;
    private final RegistryClient client;
    private final ImageStore store;
    private final TransferPool pool;
    private final Map<String, CompletableFuture<PullResult>> pulls = new ConcurrentHashMap<>();
    private final Map<Digest, CompletableFuture<Boolean>> blobs = new ConcurrentHashMap<>();

    public ImagePuller(RegistryClient client, ImageStore store) {
        this.client = client;
        this.store = store;
        this.pool = new TransferPool(client.options().parallelLayers(), "berth-pull");
    }

    /** Pulls {@code name} for {@code platform}; progress goes to {@code progress} (from several threads). */
    public PullResult pull(ImageName name, Platform platform, Consumer<TransferProgress> progress) {
        String key = name.canonical() + "|" + platform.os() + "/" + platform.architecture();
        CompletableFuture<PullResult> mine = new CompletableFuture<>();
        CompletableFuture<PullResult> running = pulls.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            PullResult result = doPull(name, platform, progress);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            pulls.remove(key, mine);
        }
    }

    private PullResult doPull(ImageName name, Platform platform, Consumer<TransferProgress> progress) {
        RegistryManifest top = client.fetchManifest(name);
        RegistryManifest chosen = top;
        Manifest manifest = Manifest.parse(top.content());
        if (manifest.isIndex()) {
            Descriptor entry = PlatformSelector.select(manifest, platform);
            chosen = client.fetchManifest(name.withDigest(entry.digest()));
            manifest = Manifest.parse(chosen.content());
            if (manifest.isIndex()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, name.registry(), "the index of "
                        + name.familiar() + " points at another index for " + platform.os() + "/"
                        + platform.architecture() + "; nested indexes are not supported");
            }
        }
        List<Descriptor> needed = new ArrayList<>();
        needed.add(manifest.config());
        needed.addAll(manifest.layers());
        List<CompletableFuture<Boolean>> transfers = new ArrayList<>();
        for (Descriptor blob : needed) {
            transfers.add(fetchShared(name, blob, progress));
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

    /** Downloads a blob unless present or already being downloaded; true when this call's future downloaded it. */
    private CompletableFuture<Boolean> fetchShared(ImageName name, Descriptor blob, Consumer<TransferProgress> progress) {
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
        pool.submit(() -> download(name, blob, digest, progress)).whenComplete((ok, failure) -> {
            blobs.remove(digest, created);
            if (failure != null) {
                created.completeExceptionally(TransferPool.unwrap(failure));
            } else {
                created.complete(ok);
            }
        });
        return created;
    }

    private boolean download(ImageName name, Descriptor blob, Digest digest, Consumer<TransferProgress> progress) {
        String image = name.familiar();
        progress.accept(new TransferProgress(image, digest.toString(), TransferProgress.Stage.TRANSFERRING, 0, blob.size()));
        try (InputStream in = new CountingInputStream(open(name, blob, digest), n -> progress.accept(
                new TransferProgress(image, digest.toString(), TransferProgress.Stage.TRANSFERRING, n, blob.size())))) {
            store.blobs().put(in, Optional.of(digest));
        } catch (DigestMismatchException e) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, name.registry(), "blob " + digest
                    + " of " + image + " from registry " + name.registry() + " has digest " + e.actual()
                    + "; it was rejected and nothing of it was stored (the registry's copy is corrupt: push the image again)");
        } catch (IOException e) {
            throw new UncheckedIOException("download of blob " + digest + " of " + image + " from registry "
                    + name.registry() + " was interrupted", e);
        } catch (UncheckedIOException e) {
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, name.registry(), "download of blob "
                    + digest + " of " + image + " from registry " + name.registry() + " broke off: "
                    + e.getCause().getMessage() + " (pull again)", e);
        }
        progress.accept(new TransferProgress(image, digest.toString(), TransferProgress.Stage.DONE, blob.size(), blob.size()));
        return true;
    }

    /**
     * The blob's bytes: from the registry (resuming broken downloads), or for a non-distributable layer from the
     * first of its URLs that answers, as Docker does.
     */
    private InputStream open(ImageName name, Descriptor blob, Digest digest) {
        if (!blob.isNonDistributable() || blob.urlsOrEmpty().isEmpty()) {
            return new ResumingInputStream(offset -> client.openBlob(name, digest, offset), RESUME_ATTEMPTS);
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
