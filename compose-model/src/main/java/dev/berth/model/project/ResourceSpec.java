package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * {@code deploy.resources.limits} or {@code reservations}; {@code memory} in bytes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceSpec(
        @JsonProperty("cpus") Double cpus,
        @JsonProperty("memory") Long memory,
        @JsonProperty("pids") Long pids,
        @JsonProperty("devices") List<DeviceRequest> devices,
        @JsonProperty("generic_resources") List<Map<String, Object>> genericResources) {

    public ResourceSpec {
        devices = Copy.list(devices);
        genericResources = Copy.list(genericResources);
    }
}
