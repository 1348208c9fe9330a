package dev.berth.embedded.registry;

import dev.berth.embedded.image.Digest;

/** A manifest or index as the registry served it: exact bytes, media type and verified digest. */
public record RegistryManifest(byte[] content, String mediaType, Digest digest) {
    public RegistryManifest {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
