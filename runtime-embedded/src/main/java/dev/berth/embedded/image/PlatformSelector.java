package dev.berth.embedded.image;

/** Picks the manifest for a platform from an index, skipping attestation entries. */
public final class PlatformSelector {
    private PlatformSelector() {
    }

    public static Descriptor select(Manifest index, Platform wanted) {
        Descriptor untyped = null;
        for (Descriptor entry : index.manifests()) {
            if ("attestation-manifest".equals(entry.annotation("vnd.docker.reference.type"))) {
                continue;
            }
            if (entry.platform() == null && untyped == null) {
                untyped = entry;
            }
            if (wanted.matches(entry.platform())) {
                return entry;
            }
        }
        if (untyped != null) {
            return untyped;
        }
        throw new ImageStoreException("the image index has no manifest for " + wanted.os() + "/" + wanted.architecture()
                + " (pull or load an image built for this platform)");
    }
}
