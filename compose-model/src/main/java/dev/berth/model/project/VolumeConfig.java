package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A top-level volume; {@code name} is the engine name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeConfig(
        @JsonProperty("name") String name,
        @JsonProperty("driver") String driver,
        @JsonProperty("driver_opts") Map<String, String> driverOpts,
        @JsonProperty("external") Boolean external,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("extensions") Map<String, Object> extensions) {

    public VolumeConfig {
        driverOpts = Copy.map(driverOpts);
        labels = Copy.map(labels);
        extensions = Copy.map(extensions);
    }
}
