package dev.berth.embedded.net;

/**
 * One address pool of a network: its subnet, the range addresses are allocated from (the subnet unless
 * {@code ip_range} narrows it) and the gateway address, which the bridge carries. IPv4 or IPv6, by the subnet.
 */
public record AddressPool(String subnet, String ipRange, String gateway) {
    public IpPrefix parsedSubnet() {
        return IpPrefix.parse(subnet);
    }

    public IpPrefix parsedRange() {
        return IpPrefix.parse(ipRange);
    }

    public boolean ipv6() {
        return Ipv6.looksLikeIpv6(subnet);
    }

    public int prefix() {
        return parsedSubnet().prefix();
    }
}
