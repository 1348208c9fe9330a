package dev.berth.embedded.net;

import java.util.LinkedHashMap;
import java.util.Map;

/** A created network: its bridge, subnet, allocation range, gateway (on the bridge) and reserved addresses. */
public record Network(String id, String name, String bridge, String subnet, String ipRange, String gateway,
                      boolean internal, Map<String, String> auxAddresses) {
    public Network {
        auxAddresses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(auxAddresses));
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
