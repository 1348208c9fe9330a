package dev.berth.embedded.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** An OCI content descriptor. */
public record Descriptor(@JsonProperty("mediaType") String mediaType, @JsonProperty("digest") String digest,
                         @JsonProperty("size") long size, @JsonProperty("platform") Platform platform,
                         @JsonProperty("annotations") Map<String, String> annotations) {

    public Descriptor {
        annotations = annotations == null ? null : Map.copyOf(annotations);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest.toString(), size, null, null);
    }

    public Digest parsedDigest() {
        return Digest.parse(digest);
    }

    public String annotation(String key) {
        return annotations == null ? null : annotations.get(key);
    }
}
