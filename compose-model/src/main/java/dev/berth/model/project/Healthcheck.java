package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code healthcheck}; {@code test} null = the image's, list starting with {@code CMD}, {@code CMD-SHELL} or {@code NONE}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Healthcheck(
        @JsonProperty("test") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> test,
        @JsonProperty("interval") String interval,
        @JsonProperty("timeout") String timeout,
        @JsonProperty("retries") Long retries,
        @JsonProperty("start_period") String startPeriod,
        @JsonProperty("start_interval") String startInterval,
        @JsonProperty("disable") Boolean disable) {

    public Healthcheck {
        test = Copy.listOrNull(test);
    }
}
