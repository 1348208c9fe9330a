package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * Named/anonymous volume options.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeOptions(
        @JsonProperty("nocopy") Boolean nocopy,
        @JsonProperty("subpath") String subpath,
        @JsonProperty("labels") Map<String, String> labels) {

    public VolumeOptions {
        labels = Copy.map(labels);
    }
}
