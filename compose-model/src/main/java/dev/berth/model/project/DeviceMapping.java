package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@code devices} entry.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceMapping(
        @JsonProperty("source") String source,
        @JsonProperty("target") String target,
        @JsonProperty("permissions") String permissions) {
}
