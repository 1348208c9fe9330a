package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A per-device blkio rate (bytes or operations per second).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThrottleDevice(
        @JsonProperty("path") String path,
        @JsonProperty("rate") Object rate) {
}
