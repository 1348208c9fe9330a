package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A per-device blkio weight.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WeightDevice(
        @JsonProperty("path") String path,
        @JsonProperty("weight") Long weight) {
}
