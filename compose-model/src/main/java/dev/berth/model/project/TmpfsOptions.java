package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * tmpfs mount options; {@code size} in bytes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TmpfsOptions(
        @JsonProperty("size") Long size,
        @JsonProperty("mode") Object mode) {
}
