package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A service's use of a secret or config ({@code source} is the top-level key). Without {@code target} a secret is
 * mounted at {@code /run/secrets/<source>} and a config at {@code /<source>}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileRef(
        @JsonProperty("source") String source,
        @JsonProperty("target") String target,
        @JsonProperty("uid") String uid,
        @JsonProperty("gid") String gid,
        @JsonProperty("mode") Object mode) {
}
