package dev.berth.embedded.build;

import java.util.function.Consumer;

/**
 * Where a build gets the images its Dockerfile names ({@code FROM}, {@code COPY --from}) when the store lacks them,
 * or refreshes them when the build asks to pull: a registry, as the classic builder of dockerd does, or nowhere.
 */
@FunctionalInterface
public interface BaseImages {
    /** Nothing is fetched: builds use the images of the local store only. */
    BaseImages OFFLINE = (reference, progress) -> false;

    /**
     * Fetches {@code reference} into the store, telling {@code progress} what happens in a line each.
     *
     * @return false when this source fetches nothing (the store's image, if any, is used as it is)
     * @throws RuntimeException when the fetch failed; the message says why and names the registry
     */
    boolean fetch(String reference, Consumer<String> progress);
}
