package dev.berth.embedded.net;

/**
 * A container's interface on a network: host veth name (in the bridge), interface name inside the
 * container, IPv4 address, prefix length, MAC and the gateway (empty for internal networks).
 */
public record Endpoint(String containerId, String networkId, String hostVeth, String ifname, String ipv4, int prefix,
                       String mac, String gateway, boolean defaultRoute) {
}
