package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * The {@code deploy} section.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Deploy(
        @JsonProperty("mode") String mode,
        @JsonProperty("replicas") Long replicas,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("update_config") UpdateConfig updateConfig,
        @JsonProperty("rollback_config") UpdateConfig rollbackConfig,
        @JsonProperty("resources") Resources resources,
        @JsonProperty("restart_policy") RestartPolicy restartPolicy,
        @JsonProperty("placement") Placement placement,
        @JsonProperty("endpoint_mode") String endpointMode) {

    public Deploy {
        labels = Copy.map(labels);
    }
}
