package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A service's attachment to one network (null in the map when nothing is configured).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceNetwork(
        @JsonProperty("aliases") List<String> aliases,
        @JsonProperty("ipv4_address") String ipv4Address,
        @JsonProperty("ipv6_address") String ipv6Address,
        @JsonProperty("link_local_ips") List<String> linkLocalIps,
        @JsonProperty("mac_address") String macAddress,
        @JsonProperty("driver_opts") Map<String, String> driverOpts,
        @JsonProperty("priority") Long priority,
        @JsonProperty("gw_priority") Long gwPriority,
        @JsonProperty("interface_name") String interfaceName) {

    public ServiceNetwork {
        aliases = Copy.list(aliases);
        linkLocalIps = Copy.list(linkLocalIps);
        driverOpts = Copy.map(driverOpts);
    }
}
