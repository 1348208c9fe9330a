package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Bind mount options.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BindOptions(
        @JsonProperty("propagation") String propagation,
        @JsonProperty("create_host_path") Boolean createHostPath,
        @JsonProperty("selinux") String selinux,
        @JsonProperty("recursive") String recursive) {
}
