package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code depends_on} entry: condition {@code service_started|service_healthy|service_completed_successfully}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DependsOn(
        @JsonProperty("condition") String condition,
        @JsonProperty("required") Boolean required,
        @JsonProperty("restart") Boolean restart) {
}
