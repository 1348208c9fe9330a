package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code deploy.resources}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Resources(
        @JsonProperty("limits") ResourceSpec limits,
        @JsonProperty("reservations") ResourceSpec reservations) {
}
