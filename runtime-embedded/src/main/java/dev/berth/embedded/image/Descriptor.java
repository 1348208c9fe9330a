package dev.berth.embedded.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * An OCI content descriptor. {@code urls} lists where a non-distributable (foreign) layer can be fetched instead of
 * from the registry.
 */
public record Descriptor(@JsonProperty("mediaType") String mediaType, @JsonProperty("digest") String digest,
                         @JsonProperty("size") long size, @JsonProperty("platform") Platform platform,
                         @JsonProperty("annotations") Map<String, String> annotations,
                         @JsonProperty("urls") java.util.List<String> urls) {

    public Descriptor {
        annotations = annotations == null ? null : Map.copyOf(annotations);
        urls = urls == null ? null : java.util.List.copyOf(urls);
    }

    public Descriptor(String mediaType, String digest, long size, Platform platform, Map<String, String> annotations) {
        this(mediaType, digest, size, platform, annotations, null);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest.toString(), size, null, null);
    }

    public Digest parsedDigest() {
        return Digest.parse(digest);
    }

    /** Whether the layer is marked non-distributable (Docker "foreign" or OCI "nondistributable" media types). */
    public boolean isNonDistributable() {
        return mediaType != null && (mediaType.startsWith("application/vnd.docker.image.rootfs.foreign.")
                || mediaType.startsWith("application/vnd.oci.image.layer.nondistributable."));
    }

    public java.util.List<String> urlsOrEmpty() {
        return urls == null ? java.util.List.of() : urls;
    }

    public String annotation(String key) {
        return annotations == null ? null : annotations.get(key);
    }
}
