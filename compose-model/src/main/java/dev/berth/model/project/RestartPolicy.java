package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code deploy.restart_policy}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestartPolicy(
        @JsonProperty("condition") String condition,
        @JsonProperty("delay") String delay,
        @JsonProperty("max_attempts") Long maxAttempts,
        @JsonProperty("window") String window) {
}
