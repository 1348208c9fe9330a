package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * IP address management of a network.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ipam(
        @JsonProperty("driver") String driver,
        @JsonProperty("config") List<IpamPool> config,
        @JsonProperty("options") Map<String, String> options) {

    public Ipam {
        config = Copy.list(config);
        options = Copy.map(options);
    }
}
