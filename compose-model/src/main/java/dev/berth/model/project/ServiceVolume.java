package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A mount in long form: {@code type} volume, bind, tmpfs, image, npipe or cluster.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceVolume(
        @JsonProperty("type") String type,
        @JsonProperty("source") String source,
        @JsonProperty("target") String target,
        @JsonProperty("read_only") Boolean readOnly,
        @JsonProperty("consistency") String consistency,
        @JsonProperty("bind") BindOptions bind,
        @JsonProperty("volume") VolumeOptions volume,
        @JsonProperty("tmpfs") TmpfsOptions tmpfs,
        @JsonProperty("image") ImageOptions image) {
}
