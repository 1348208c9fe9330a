package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One ulimit; the single-number form has {@code soft == hard}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ulimit(
        @JsonProperty("soft") Long soft,
        @JsonProperty("hard") Long hard) {
}
