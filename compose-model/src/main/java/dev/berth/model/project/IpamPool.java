package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * One IPAM pool.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpamPool(
        @JsonProperty("subnet") String subnet,
        @JsonProperty("ip_range") String ipRange,
        @JsonProperty("gateway") String gateway,
        @JsonProperty("aux_addresses") Map<String, String> auxAddresses) {

    public IpamPool {
        auxAddresses = Copy.map(auxAddresses);
    }
}
