package dev.berth.embedded.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.testing.TarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dangling images, deletion and garbage collection of the image store. */
class ImageGarbageTest {
    @TempDir
    Path temp;

    private Image commit(ImageStore store, String reference, String... layerNames) throws Exception {
        List<Path> tars = new java.util.ArrayList<>();
        for (String name : layerNames) {
            tars.add(new TarBuilder().file(name, "content of " + name, 0644).writeTo(temp.resolve(name + ".tar")));
        }
        return new ImageWriter(store).commit(reference, ImageConfig.Defaults.EMPTY, tars);
    }

    @Test
    void anImageThatLosesItsLastTagIsListedDanglingUntilDeleted() throws Exception {
        ImageStore store = ImageStore.open(temp.resolve("store"));
        Image first = commit(store, "app:1", "base", "one");
        Image second = commit(store, "app:1", "base", "two");
        Image moved = store.list().stream().filter(i -> i.id().equals(first.id())).findFirst().orElseThrow();
        assertEquals(List.of(), moved.tags(), "app:1 moved to the second image; the first dangles");
        assertEquals(List.of("app:1"), store.resolve(second.id().toString()).tags());

        store.tag(first.manifestDigest(), "app:old");
        assertEquals(List.of("app:old"), store.resolve(first.id().toString()).tags(), "tagged again, not dangling");
        store.untag("app:old");
        assertEquals(2, store.list().size());
        store.delete(store.resolve(first.id().toString()));
        assertEquals(List.of(second.id()), store.list().stream().map(Image::id).toList());
    }

    @Test
    void aTemporaryTagLeavesTheImageAsItWasNeitherDanglingNorLost() throws Exception {
        ImageStore store = ImageStore.open(temp.resolve("store"));
        Image step = commit(store, "step:1", "base", "step");
        store.delete(step);
        try (ImageStore.TemporaryTag held = store.tagTemporarily(step.manifestDigest(), "berth-build-run:1")) {
            assertEquals(List.of("berth-build-run:1"), store.resolve(step.id().toString()).tags());
        }
        assertEquals(List.of(), store.list(), "an untagged step state does not become a dangling image");

        Image dangling = commit(store, "app:1", "base", "app");
        store.untag("app:1");
        store.tagTemporarily(dangling.manifestDigest(), "berth-build-run:2").close();
        assertEquals(List.of(dangling.id()), store.list().stream().map(Image::id).toList(), "still dangling");
    }

    @Test
    void garbageCollectionKeepsWhatImagesAndExtraRootsReachAndFreesTheRest() throws Exception {
        ImageStore store = ImageStore.open(temp.resolve("store"));
        Image kept = commit(store, "app:kept", "base", "kept");
        Image gone = commit(store, "app:gone", "base", "gone");
        Image cached = commit(store, "app:cached", "cached");
        store.layerDirs(kept);
        store.layerDirs(gone);
        store.delete(gone);
        store.untag("app:cached");
        store.delete(store.resolve(cached.id().toString()));

        long freed = store.collectGarbage(Set.of(cached.manifestDigest()));
        Digest goneLayer = gone.layers().get(1).parsedDigest();
        assertFalse(store.blobs().contains(goneLayer), "the layer only the deleted image had");
        assertFalse(store.blobs().contains(gone.id()), "its config");
        assertFalse(Files.exists(store.layerDir(gone.diffIds().get(1))), "its unpacked layer");
        assertTrue(store.blobs().contains(gone.layers().get(0).parsedDigest()), "the base layer kept uses too");
        assertTrue(Files.exists(store.layerDir(kept.diffIds().get(0))));
        assertTrue(store.blobs().contains(cached.manifestDigest()), "an extra root (the build cache's) stays");
        assertTrue(freed > goneLayer.hex().length(), "bytes freed: " + freed);
        assertEquals(kept.id(), store.resolve("app:kept").id());
        assertEquals(0, store.collectGarbage(Set.of(cached.manifestDigest())), "nothing left to free");
    }

    @Test
    void garbageCollectionWaitsForOpenLeases() throws Exception {
        ImageStore store = ImageStore.open(temp.resolve("store"));
        Digest pending;
        CompletableFuture<Long> collection;
        try (ImageStore.Lease lease = store.lease()) {
            pending = store.blobs().put("a blob a pull just stored".getBytes());
            collection = CompletableFuture.supplyAsync(() -> store.collectGarbage(Set.of()));
            Thread.sleep(200);
            assertFalse(collection.isDone(), "the collection waits while content is being added");
            assertTrue(store.blobs().contains(pending));
        }
        assertTrue(collection.get(10, TimeUnit.SECONDS) > 0, "after the lease the unreferenced blob goes");
        assertFalse(store.blobs().contains(pending));
    }
}
