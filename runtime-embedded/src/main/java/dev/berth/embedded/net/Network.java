package dev.berth.embedded.net;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A created network: its bridge, subnet, allocation range, gateway (on the bridge), reserved addresses, and the
 * labels and driver options it was created with (kept for listing; the bridge driver reads none of them).
 */
public record Network(String id, String name, String bridge, String subnet, String ipRange, String gateway,
                      boolean internal, Map<String, String> auxAddresses, Map<String, String> labels,
                      Map<String, String> options) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Network {
        auxAddresses = copy(auxAddresses);
        labels = copy(labels);
        options = copy(options);
    }

    /** A network without labels and options. */
    public Network(String id, String name, String bridge, String subnet, String ipRange, String gateway,
                   boolean internal, Map<String, String> auxAddresses) {
        this(id, name, bridge, subnet, ipRange, gateway, internal, auxAddresses, Map.of(), Map.of());
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Docker's bridge naming: {@code br-} and the first 12 hex characters of the id. */
    public static String bridgeName(String networkId) {
        return "br-" + networkId.substring(0, 12);
    }

    public Subnet parsedSubnet() {
        return Subnet.parse(subnet);
    }

    public int prefix() {
        return parsedSubnet().prefix();
    }

    /** The tag carried (as an iptables comment) by every firewall rule of this network. */
    String firewallTag() {
        return "berth-net:" + id.substring(0, 12);
    }
}
