package dev.berth.embedded.net;

/**
 * A container's interface on a network: host veth name (in the bridge), interface name inside the container,
 * IPv4 address with its prefix length, MAC, the IPv4 gateway (empty for internal networks), whether the default
 * routes go through this interface, and the IPv6 address, prefix length and gateway (empty without IPv6; the
 * gateway also empty on internal networks).
 */
public record Endpoint(String containerId, String networkId, String hostVeth, String ifname, String ipv4, int prefix,
                       String mac, String gateway, boolean defaultRoute, String ipv6, int ipv6Prefix,
                       String ipv6Gateway) {
    public Endpoint {
        ipv6 = ipv6 == null ? "" : ipv6;
        ipv6Gateway = ipv6Gateway == null ? "" : ipv6Gateway;
    }

    /** An IPv4-only endpoint. */
    public Endpoint(String containerId, String networkId, String hostVeth, String ifname, String ipv4, int prefix,
                    String mac, String gateway, boolean defaultRoute) {
        this(containerId, networkId, hostVeth, ifname, ipv4, prefix, mac, gateway, defaultRoute, "", 0, "");
    }

    public boolean hasIpv6() {
        return !ipv6.isEmpty();
    }
}
