package dev.berth.embedded.net;

import java.util.Optional;

/**
 * How to attach a container to one network: interface name ({@code eth0}, {@code eth1}...), an optional fixed
 * {@code ipv4_address}, {@code ipv6_address} and {@code mac_address}, and whether this network carries the default
 * routes (the engine sets it for the network with the highest {@code gw_priority}; ignored on internal networks).
 */
public record EndpointRequest(String containerId, String ifname, Optional<String> ipv4, Optional<String> mac,
                              boolean defaultRoute, Optional<String> ipv6) {
    public EndpointRequest {
        if (!ifname.matches("[a-zA-Z0-9_.-]{1,15}")) {
            throw new IllegalArgumentException("invalid interface name '" + ifname + "'");
        }
    }

    public EndpointRequest(String containerId, String ifname, Optional<String> ipv4, Optional<String> mac,
                           boolean defaultRoute) {
        this(containerId, ifname, ipv4, mac, defaultRoute, Optional.empty());
    }

    public static EndpointRequest of(String containerId, String ifname, boolean defaultRoute) {
        return new EndpointRequest(containerId, ifname, Optional.empty(), Optional.empty(), defaultRoute);
    }

    public EndpointRequest withIpv4(String ip) {
        return new EndpointRequest(containerId, ifname, Optional.of(ip), mac, defaultRoute, ipv6);
    }

    public EndpointRequest withIpv6(String ip) {
        return new EndpointRequest(containerId, ifname, ipv4, mac, defaultRoute, Optional.of(ip));
    }

    public EndpointRequest withMac(String address) {
        return new EndpointRequest(containerId, ifname, ipv4, Optional.of(address), defaultRoute, ipv6);
    }
}
