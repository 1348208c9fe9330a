package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code depends_on} entry: condition {@code service_started|service_healthy|service_completed_successfully}.
 * {@code restart: false} is left out of the output, as {@code docker compose config} does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DependsOn(
        @JsonProperty("condition") String condition,
        @JsonProperty("required") Boolean required,
        @JsonProperty("restart") @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean restart) {
}
