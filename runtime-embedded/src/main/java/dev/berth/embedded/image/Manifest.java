package dev.berth.embedded.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A Docker schema 2 / OCI image manifest or an image index (manifest list). Which one it is comes from
 * {@link #mediaType()} or, for OCI documents without it, from the presence of {@code manifests}.
 */
public record Manifest(@JsonProperty("schemaVersion") int schemaVersion, @JsonProperty("mediaType") String mediaType,
                       @JsonProperty("config") Descriptor config, @JsonProperty("layers") List<Descriptor> layers,
                       @JsonProperty("manifests") List<Descriptor> manifests) {

    public Manifest {
        layers = layers == null ? null : List.copyOf(layers);
        manifests = manifests == null ? null : List.copyOf(manifests);
    }

    public static Manifest parse(byte[] json) {
        Manifest manifest = Json.read(json, Manifest.class);
        if (manifest.schemaVersion != 2) {
            throw new ImageStoreException("unsupported manifest schemaVersion " + manifest.schemaVersion
                    + " (schema 1 images are obsolete; re-push the image with a current Docker or skopeo)");
        }
        return manifest;
    }

    public boolean isIndex() {
        return MediaTypes.INDEXES.contains(mediaType) || (mediaType == null && manifests != null && config == null);
    }

    public static Manifest image(String mediaType, Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, mediaType, config, layers, null);
    }
}
