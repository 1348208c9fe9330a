package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code deploy.update_config} / {@code deploy.rollback_config}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateConfig(
        @JsonProperty("parallelism") Long parallelism,
        @JsonProperty("delay") String delay,
        @JsonProperty("failure_action") String failureAction,
        @JsonProperty("monitor") String monitor,
        @JsonProperty("max_failure_ratio") Double maxFailureRatio,
        @JsonProperty("order") String order) {
}
