package dev.berth.embedded.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine asks for: a network id (hex, 12+ chars), its name, {@code internal}, the optional IPAM
 * config (subnet, ip_range, gateway, aux_addresses; empty optionals mean "pick one"), and labels and driver
 * options that are kept with the network.
 */
public record NetworkSpec(String id, String name, boolean internal, Optional<String> subnet,
                          Optional<String> ipRange, Optional<String> gateway, Map<String, String> auxAddresses,
                          Map<String, String> labels, Map<String, String> options) {
    public NetworkSpec {
        if (id == null || !id.matches("[0-9a-f]{12,64}")) {
            throw new IllegalArgumentException("network id must be 12..64 lowercase hex characters: " + id);
        }
        auxAddresses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(auxAddresses));
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A spec without labels and options. */
    public NetworkSpec(String id, String name, boolean internal, Optional<String> subnet, Optional<String> ipRange,
                       Optional<String> gateway, Map<String, String> auxAddresses) {
        this(id, name, internal, subnet, ipRange, gateway, auxAddresses, Map.of(), Map.of());
    }

    /** A network with a default subnet from the pool. */
    public static NetworkSpec of(String id, String name, boolean internal) {
        return new NetworkSpec(id, name, internal, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    public NetworkSpec withSubnet(String cidr) {
        return new NetworkSpec(id, name, internal, Optional.of(cidr), ipRange, gateway, auxAddresses, labels, options);
    }

    public NetworkSpec withIpRange(String cidr) {
        return new NetworkSpec(id, name, internal, subnet, Optional.of(cidr), gateway, auxAddresses, labels, options);
    }

    public NetworkSpec withGateway(String ip) {
        return new NetworkSpec(id, name, internal, subnet, ipRange, Optional.of(ip), auxAddresses, labels, options);
    }

    public NetworkSpec withAuxAddresses(Map<String, String> aux) {
        return new NetworkSpec(id, name, internal, subnet, ipRange, gateway, aux, labels, options);
    }

    public NetworkSpec withLabels(Map<String, String> values) {
        return new NetworkSpec(id, name, internal, subnet, ipRange, gateway, auxAddresses, values, options);
    }

    public NetworkSpec withOptions(Map<String, String> values) {
        return new NetworkSpec(id, name, internal, subnet, ipRange, gateway, auxAddresses, labels, values);
    }
}
