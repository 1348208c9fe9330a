package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A published or exposed port in long form; {@code published} is a string (a port or a range).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortConfig(
        @JsonProperty("name") String name,
        @JsonProperty("mode") String mode,
        @JsonProperty("host_ip") String hostIp,
        @JsonProperty("target") Long target,
        @JsonProperty("published") String published,
        @JsonProperty("protocol") String protocol,
        @JsonProperty("app_protocol") String appProtocol) {
}
