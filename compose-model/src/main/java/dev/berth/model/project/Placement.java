package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * {@code deploy.placement}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Placement(
        @JsonProperty("constraints") List<String> constraints,
        @JsonProperty("preferences") List<Map<String, Object>> preferences,
        @JsonProperty("max_replicas_per_node") Long maxReplicasPerNode) {

    public Placement {
        constraints = Copy.list(constraints);
        preferences = Copy.list(preferences);
    }
}
