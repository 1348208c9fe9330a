package dev.berth.embedded.net;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A created network: its bridge, its address pools (at least one IPv4 pool, the first of which is the primary one
 * whose gateway serves DNS; IPv6 pools when IPv6 is enabled), reserved addresses, and the labels and driver options
 * it was created with (kept for listing; the bridge driver reads none of them).
 */
public record Network(String id, String name, String bridge, List<AddressPool> pools, boolean internal,
                      Map<String, String> auxAddresses, Map<String, String> labels, Map<String, String> options) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Network {
        pools = List.copyOf(pools);
        if (pools.stream().noneMatch(p -> !p.ipv6())) {
            throw new IllegalArgumentException("network " + name + " needs an IPv4 address pool");
        }
        auxAddresses = copy(auxAddresses);
        labels = copy(labels);
        options = copy(options);
    }

    /** An IPv4 network with one pool, without labels and options. */
    public Network(String id, String name, String bridge, String subnet, String ipRange, String gateway,
                   boolean internal, Map<String, String> auxAddresses) {
        this(id, name, bridge, List.of(new AddressPool(subnet, ipRange, gateway)), internal, auxAddresses, Map.of(),
                Map.of());
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Docker's bridge naming: {@code br-} and the first 12 hex characters of the id. */
    public static String bridgeName(String networkId) {
        return "br-" + networkId.substring(0, 12);
    }

    @JsonIgnore
    public List<AddressPool> ipv4Pools() {
        return pools.stream().filter(p -> !p.ipv6()).toList();
    }

    @JsonIgnore
    public List<AddressPool> ipv6Pools() {
        return pools.stream().filter(AddressPool::ipv6).toList();
    }

    @JsonIgnore
    public boolean ipv6Enabled() {
        return !ipv6Pools().isEmpty();
    }

    private AddressPool primary() {
        return ipv4Pools().get(0);
    }

    /** The subnet of the primary IPv4 pool. */
    @JsonIgnore
    public String subnet() {
        return primary().subnet();
    }

    @JsonIgnore
    public String ipRange() {
        return primary().ipRange();
    }

    /** The gateway of the primary IPv4 pool: the network's resolver and its containers' {@code host-gateway}. */
    @JsonIgnore
    public String gateway() {
        return primary().gateway();
    }

    @JsonIgnore
    public Subnet parsedSubnet() {
        return Subnet.parse(subnet());
    }

    @JsonIgnore
    public int prefix() {
        return parsedSubnet().prefix();
    }

    /** The tag carried (as an iptables/ip6tables comment) by every firewall rule of this network. */
    String firewallTag() {
        return "berth-net:" + id.substring(0, 12);
    }
}
