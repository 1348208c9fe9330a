package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A lifecycle hook ({@code post_start}, {@code pre_stop}, {@code pre_start}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceHook(
        @JsonProperty("command") List<String> command,
        @JsonProperty("user") String user,
        @JsonProperty("privileged") Boolean privileged,
        @JsonProperty("working_dir") String workingDir,
        @JsonProperty("environment") Map<String, String> environment,
        @JsonProperty("image") String image,
        @JsonProperty("per_replica") Boolean perReplica) {

    public ServiceHook {
        command = Copy.list(command);
        environment = Copy.map(environment);
    }
}
