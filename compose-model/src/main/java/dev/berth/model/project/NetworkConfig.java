package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A top-level network; {@code name} is the engine name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkConfig(
        @JsonProperty("name") String name,
        @JsonProperty("driver") String driver,
        @JsonProperty("driver_opts") Map<String, String> driverOpts,
        @JsonProperty("ipam") Ipam ipam,
        @JsonProperty("external") Boolean external,
        @JsonProperty("internal") Boolean internal,
        @JsonProperty("attachable") Boolean attachable,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("enable_ipv4") Boolean enableIpv4,
        @JsonProperty("enable_ipv6") Boolean enableIpv6,
        @JsonProperty("extensions") Map<String, Object> extensions) {

    public NetworkConfig {
        driverOpts = Copy.map(driverOpts);
        labels = Copy.map(labels);
        extensions = Copy.map(extensions);
    }
}
