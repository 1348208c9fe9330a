package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A top-level secret or config: from {@code file}, {@code environment}, inline {@code content} (configs) or {@code external}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileObjectConfig(
        @JsonProperty("name") String name,
        @JsonProperty("file") String file,
        @JsonProperty("environment") String environment,
        @JsonProperty("content") String content,
        @JsonProperty("external") Boolean external,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("driver") String driver,
        @JsonProperty("driver_opts") Map<String, String> driverOpts,
        @JsonProperty("template_driver") String templateDriver,
        @JsonProperty("extensions") Map<String, Object> extensions) {

    public FileObjectConfig {
        labels = Copy.map(labels);
        driverOpts = Copy.map(driverOpts);
        extensions = Copy.map(extensions);
    }
}
