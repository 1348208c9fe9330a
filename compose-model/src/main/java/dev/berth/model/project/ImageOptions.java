package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Image mount options.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageOptions(
        @JsonProperty("subpath") String subpath) {
}
