package dev.berth.embedded.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Registries that may be spoken to over plain http or with an unverified certificate, as Docker's
 * {@code insecure-registries}: {@code host[:port]} names, and networks in CIDR notation ({@code 10.1.0.0/16}) that
 * match a registry whose address lies inside them. Loopback registries (127.0.0.0/8, ::1, {@code localhost}) are
 * insecure unless {@code loopback} is off, as in Docker.
 */
public record InsecureRegistries(Set<String> names, List<Network> networks, boolean loopback) {
    public InsecureRegistries {
        names = Set.copyOf(names);
        networks = List.copyOf(networks);
    }

    /** Docker's default: loopback registries only. */
    public static InsecureRegistries loopbackOnly() {
        return new InsecureRegistries(Set.of(), List.of(), true);
    }

    /**
     * Parses {@code insecure-registries} entries: {@code host[:port]} or a CIDR network; an {@code http://} or
     * {@code https://} prefix is tolerated and dropped.
     *
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static InsecureRegistries parse(List<String> entries) {
        Set<String> names = new LinkedHashSet<>();
        List<Network> networks = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip().replaceFirst("^https?://", "").replaceFirst("/$", "");
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("insecure registry entry '" + raw + "' is empty; write host[:port]"
                        + " or a network such as 10.0.0.0/8");
            }
            if (entry.contains("/")) {
                networks.add(Network.parse(entry));
            } else if (entry.matches("[A-Za-z0-9.\\-]+(:[0-9]+)?|\\[[0-9A-Fa-f:]+](:[0-9]+)?")) {
                names.add(entry);
            } else {
                throw new IllegalArgumentException("insecure registry entry '" + raw + "' is neither host[:port] nor"
                        + " a network in CIDR notation (such as 10.0.0.0/8)");
            }
        }
        return new InsecureRegistries(names, networks, true);
    }

    public InsecureRegistries withLoopback(boolean insecure) {
        return new InsecureRegistries(names, networks, insecure);
    }

    /** Whether {@code registry} ({@code host[:port]}) may be spoken to without verified TLS. */
    public boolean contains(String registry) {
        if (names.contains(registry)) {
            return true;
        }
        String host = RegistryOptions.hostOf(registry);
        if (loopback && (host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("[::1]"))) {
            return true;
        }
        if (networks.isEmpty()) {
            return false;
        }
        for (InetAddress address : addresses(host)) {
            if (networks.stream().anyMatch(n -> n.contains(address))) {
                return true;
            }
        }
        return false;
    }

    private static List<InetAddress> addresses(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(InetAddress.getAllByName(bare));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** An IPv4 or IPv6 network: address bits and prefix length. */
    public record Network(byte[] address, int prefix) {
        public Network {
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String ip = cidr.substring(0, slash);
            String bits = cidr.substring(slash + 1);
            if (!ip.matches("[0-9.]+|[0-9A-Fa-f:]+") || !bits.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("insecure registry network '" + cidr + "' is not in CIDR notation"
                        + " (such as 10.0.0.0/8 or fd00::/8)");
            }
            byte[] address;
            try {
                address = InetAddress.getByName(ip).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("insecure registry network '" + cidr + "' has an invalid address", e);
            }
            int prefix = Integer.parseInt(bits);
            if (prefix > address.length * 8) {
                throw new IllegalArgumentException("insecure registry network '" + cidr + "' has a prefix longer than "
                        + address.length * 8 + " bits");
            }
            return new Network(address, prefix);
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (other[full] & mask) == (address[full] & mask);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Network n && prefix == n.prefix && java.util.Arrays.equals(address, n.address);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(address) + prefix;
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(address).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException e) {
                return java.util.Arrays.toString(address) + "/" + prefix;
            }
        }
    }
}
