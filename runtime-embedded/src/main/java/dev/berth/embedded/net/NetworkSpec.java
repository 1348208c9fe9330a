package dev.berth.embedded.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine asks for: a network id (hex, 12+ chars), its name, {@code internal}, whether IPv6 is enabled, the
 * configured address pools ({@code ipam.config}: IPv4 and IPv6 subnets with optional ip_range and gateway; without an
 * IPv4 one a default subnet is picked), {@code aux_addresses}, and labels and driver options kept with the network.
 */
public record NetworkSpec(String id, String name, boolean internal, boolean ipv6, List<Pool> pools,
                          Map<String, String> auxAddresses, Map<String, String> labels, Map<String, String> options) {
    /** One configured pool: a subnet, and optionally the allocation range inside it and the gateway. */
    public record Pool(String subnet, Optional<String> ipRange, Optional<String> gateway) {
        public static Pool of(String subnet) {
            return new Pool(subnet, Optional.empty(), Optional.empty());
        }
    }

    public NetworkSpec {
        if (id == null || !id.matches("[0-9a-f]{12,64}")) {
            throw new IllegalArgumentException("network id must be 12..64 lowercase hex characters: " + id);
        }
        pools = List.copyOf(pools);
        auxAddresses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(auxAddresses));
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** An IPv4 network with a default subnet from the pool. */
    public static NetworkSpec of(String id, String name, boolean internal) {
        return new NetworkSpec(id, name, internal, false, List.of(), Map.of(), Map.of(), Map.of());
    }

    /** Adds an address pool with this subnet; {@link #withIpRange} and {@link #withGateway} refine the last one. */
    public NetworkSpec withSubnet(String cidr) {
        List<Pool> more = new ArrayList<>(pools);
        more.add(Pool.of(cidr));
        return new NetworkSpec(id, name, internal, ipv6, more, auxAddresses, labels, options);
    }

    public NetworkSpec withIpRange(String cidr) {
        Pool last = lastPool("ip_range");
        return withLastPool(new Pool(last.subnet(), Optional.of(cidr), last.gateway()));
    }

    public NetworkSpec withGateway(String ip) {
        Pool last = lastPool("gateway");
        return withLastPool(new Pool(last.subnet(), last.ipRange(), Optional.of(ip)));
    }

    /** Enables IPv6 (it needs an IPv6 pool). */
    public NetworkSpec withIpv6() {
        return new NetworkSpec(id, name, internal, true, pools, auxAddresses, labels, options);
    }

    public NetworkSpec withAuxAddresses(Map<String, String> aux) {
        return new NetworkSpec(id, name, internal, ipv6, pools, aux, labels, options);
    }

    public NetworkSpec withLabels(Map<String, String> values) {
        return new NetworkSpec(id, name, internal, ipv6, pools, auxAddresses, values, options);
    }

    public NetworkSpec withOptions(Map<String, String> values) {
        return new NetworkSpec(id, name, internal, ipv6, pools, auxAddresses, labels, values);
    }

    private Pool lastPool(String what) {
        if (pools.isEmpty()) {
            throw new IllegalStateException(what + " needs a subnet: call withSubnet first");
        }
        return pools.get(pools.size() - 1);
    }

    private NetworkSpec withLastPool(Pool pool) {
        List<Pool> changed = new ArrayList<>(pools);
        changed.set(changed.size() - 1, pool);
        return new NetworkSpec(id, name, internal, ipv6, changed, auxAddresses, labels, options);
    }
}
