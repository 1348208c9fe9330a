package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A top-level AI model.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelConfig(
        @JsonProperty("name") String name,
        @JsonProperty("model") String model,
        @JsonProperty("context_size") Long contextSize,
        @JsonProperty("runtime_flags") List<String> runtimeFlags,
        @JsonProperty("extensions") Map<String, Object> extensions) {

    public ModelConfig {
        runtimeFlags = Copy.list(runtimeFlags);
        extensions = Copy.map(extensions);
    }
}
