package dev.berth.embedded.image;

/** Normalises image references: a missing tag means {@code latest}; digests stay as given. */
public final class ImageReference {
    private ImageReference() {
    }

    public static String normalize(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("empty image reference");
        }
        if (reference.contains("@")) {
            return reference;
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        return colon > slash ? reference : reference + ":latest";
    }
}
