package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * {@code logging}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Logging(
        @JsonProperty("driver") String driver,
        @JsonProperty("options") Map<String, String> options) {

    public Logging {
        options = Copy.map(options);
    }
}
