package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A device request ({@code gpus} or {@code deploy.resources.reservations.devices}); {@code count} is a number
 * ({@code -1} = all) or the string {@code all}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceRequest(
        @JsonProperty("capabilities") List<String> capabilities,
        @JsonProperty("driver") String driver,
        @JsonProperty("count") Object count,
        @JsonProperty("device_ids") List<String> deviceIds,
        @JsonProperty("options") Map<String, String> options) {

    public DeviceRequest {
        capabilities = Copy.list(capabilities);
        deviceIds = Copy.list(deviceIds);
        options = Copy.map(options);
    }
}
