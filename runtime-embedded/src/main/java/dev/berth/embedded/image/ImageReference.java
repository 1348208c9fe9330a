package dev.berth.embedded.image;

import dev.berth.runtime.ImageName;
import dev.berth.runtime.InvalidImageReferenceException;

/**
 * Normalises image references to the familiar form tags are stored under: a missing tag means {@code latest} and
 * {@code docker.io/library/busybox} is {@code busybox}. Text that is not a registry reference (an image id prefix,
 * say) keeps the old, purely syntactic rule so that lookups by id still work.
 */
public final class ImageReference {
    private ImageReference() {
    }

    public static String normalize(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("empty image reference");
        }
        try {
            return ImageName.parse(reference).familiar();
        } catch (InvalidImageReferenceException e) {
            if (reference.contains("@")) {
                return reference;
            }
            int slash = reference.lastIndexOf('/');
            int colon = reference.lastIndexOf(':');
            return colon > slash ? reference : reference + ":latest";
        }
    }
}
