package dev.berth.embedded.net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Host-local IPAM: turns a {@link NetworkSpec} into address pools (the configured IPv4 and IPv6 subnets with their
 * ranges and gateways, or a free default IPv4 subnet) and hands out endpoint addresses: from the first pool of the
 * family that has a free one, or the requested address in whichever pool holds it.
 */
final class Ipam {
    private static final int MAX_IPV4_PREFIX = 30;
    private static final int MAX_IPV6_PREFIX = 126;

    private Ipam() {
    }

    /** Validates the configured IPAM values (all problems at once) and picks a free default IPv4 subnet if none. */
    static Network plan(NetworkSpec spec, SubnetPool pool, Supplier<List<Subnet>> used) {
        List<String> problems = new ArrayList<>();
        List<AddressPool> pools = new ArrayList<>();
        for (NetworkSpec.Pool configured : spec.pools()) {
            AddressPool planned = planPool(configured, spec.ipv6(), problems);
            if (planned != null) {
                pools.add(planned);
            }
        }
        for (int i = 0; i < pools.size(); i++) {
            for (int j = i + 1; j < pools.size(); j++) {
                if (pools.get(i).parsedSubnet().overlaps(pools.get(j).parsedSubnet())) {
                    problems.add("subnet " + pools.get(j).subnet() + " overlaps subnet " + pools.get(i).subnet()
                            + " of the same network: give each ipam.config entry its own subnet");
                }
            }
        }
        boolean ipv6Configured = spec.pools().stream().anyMatch(p -> Ipv6.looksLikeIpv6(p.subnet()));
        if (spec.ipv6() && !ipv6Configured) {
            problems.add("enable_ipv6 needs an IPv6 subnet in ipam.config (for example fd00:1::/64): the embedded"
                    + " engine has no default IPv6 pool");
        }
        boolean ipv4Configured = spec.pools().stream().anyMatch(p -> !Ipv6.looksLikeIpv6(p.subnet()));
        if (!ipv4Configured && problems.isEmpty()) {
            Subnet picked = pool.pick(used.get()).orElseThrow(() -> new NetworkException("no free subnet left in the"
                    + " pool " + pool.base() + " (/" + pool.blockPrefix() + " blocks): remove unused networks or"
                    + " configure ipam.config.subnet"));
            pools.add(0, new AddressPool(picked.toString(), picked.toString(), Ipv4.format(picked.address(1))));
        }
        Map<String, String> aux = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : spec.auxAddresses().entrySet()) {
            checkAux(entry.getKey(), entry.getValue(), pools, problems);
            aux.put(entry.getKey(), entry.getValue());
        }
        if (!problems.isEmpty()) {
            throw new NetworkException(problems);
        }
        return new Network(spec.id(), spec.name(), Network.bridgeName(spec.id()), pools, spec.internal(), aux,
                spec.labels(), spec.options());
    }

    private static AddressPool planPool(NetworkSpec.Pool configured, boolean ipv6Enabled, List<String> problems) {
        IpPrefix subnet = parsePrefix(configured.subnet(), "subnet", problems);
        if (subnet == null) {
            return null;
        }
        if (subnet.ipv6() && !ipv6Enabled) {
            problems.add("subnet " + subnet + " is IPv6 but the network does not enable IPv6: set enable_ipv6: true"
                    + " or remove the subnet");
            return null;
        }
        int maxPrefix = subnet.ipv6() ? MAX_IPV6_PREFIX : MAX_IPV4_PREFIX;
        if (subnet.prefix() > maxPrefix) {
            problems.add("subnet " + subnet + " is too small: use a prefix length of " + maxPrefix + " or less");
        }
        IpPrefix range = subnet;
        if (configured.ipRange().isPresent()) {
            IpPrefix parsed = parsePrefix(configured.ipRange().get(), "ip_range", problems);
            if (parsed != null && !subnet.contains(parsed)) {
                problems.add("ip_range " + parsed + " is not inside subnet " + subnet + ": pick a range inside it");
            } else if (parsed != null) {
                range = parsed;
            }
        }
        String gateway = subnet.format(subnet.address(BigInteger.ONE));
        if (configured.gateway().isPresent()) {
            gateway = configured.gateway().get();
            checkHostAddress(gateway, "gateway", subnet, problems);
        }
        return new AddressPool(subnet.toString(), range.toString(), canonical(gateway, subnet));
    }

    /**
     * The requested IPv4 address (checked against every IPv4 pool) or the first free one, searching the pools'
     * ranges in order.
     */
    static String allocate(Network network, Iterable<Endpoint> taken, Optional<String> requested, String containerId) {
        return allocate(network, network.ipv4Pools(), taken, Endpoint::ipv4, requested, containerId, "ipv4_address");
    }

    /** The same for IPv6; the network must have IPv6 pools. */
    static String allocateIpv6(Network network, Iterable<Endpoint> taken, Optional<String> requested,
                               String containerId) {
        return allocate(network, network.ipv6Pools(), taken, Endpoint::ipv6, requested, containerId, "ipv6_address");
    }

    private static String allocate(Network network, List<AddressPool> pools, Iterable<Endpoint> taken,
                                   Function<Endpoint, String> addressOf, Optional<String> requested,
                                   String containerId, String what) {
        Set<BigInteger> reserved = new HashSet<>();
        for (AddressPool pool : pools) {
            IpPrefix subnet = pool.parsedSubnet();
            reserved.add(subnet.network());
            if (!subnet.ipv6()) {
                reserved.add(subnet.last());
            }
            reserved.add(IpPrefix.parseAddress(pool.gateway()));
        }
        boolean ipv6 = pools.get(0).ipv6();
        network.auxAddresses().values().stream().filter(ip -> Ipv6.looksLikeIpv6(ip) == ipv6)
                .forEach(ip -> reserved.add(IpPrefix.parseAddress(ip)));
        Map<BigInteger, String> owners = new HashMap<>();
        for (Endpoint endpoint : taken) {
            String address = addressOf.apply(endpoint);
            if (!endpoint.containerId().equals(containerId) && !address.isEmpty()) {
                owners.put(IpPrefix.parseAddress(address), endpoint.containerId());
            }
        }
        if (requested.isPresent()) {
            return checkRequested(network, pools, requested.get(), reserved, owners, what);
        }
        for (AddressPool pool : pools) {
            IpPrefix subnet = pool.parsedSubnet();
            IpPrefix range = pool.parsedRange();
            // the reserved and taken addresses are few: the first free one is at most that many steps away
            for (BigInteger candidate = range.network(); range.contains(candidate);
                 candidate = candidate.add(BigInteger.ONE)) {
                if (!reserved.contains(candidate) && !owners.containsKey(candidate)) {
                    return subnet.format(candidate);
                }
            }
        }
        throw new NetworkException("no free address left in " + String.join(", ", pools.stream()
                .map(AddressPool::ipRange).toList()) + " of network " + network.name()
                + ": use a larger subnet or ip_range");
    }

    private static String checkRequested(Network network, List<AddressPool> pools, String requested,
                                         Set<BigInteger> reserved, Map<BigInteger, String> owners, String what) {
        BigInteger address;
        try {
            address = IpPrefix.parseAddress(requested);
        } catch (IllegalArgumentException e) {
            throw new NetworkException(what + " of network " + network.name() + ": " + e.getMessage());
        }
        Optional<AddressPool> holder = pools.stream().filter(p -> p.parsedSubnet().contains(requested)).findFirst();
        if (holder.isEmpty()) {
            throw new NetworkException(what + " " + requested + " is not in " + (pools.size() == 1 ? "subnet "
                    : "any of the subnets ") + String.join(", ", pools.stream().map(AddressPool::subnet).toList())
                    + " of network " + network.name() + ": pick an address inside it");
        }
        if (reserved.contains(address) || owners.containsKey(address)) {
            throw new NetworkException(what + " " + requested + " on network " + network.name()
                    + " is already in use" + (owners.containsKey(address) ? " by container " + owners.get(address)
                    : " (network, broadcast, gateway or aux address)") + ": pick another address");
        }
        return holder.get().parsedSubnet().format(address);
    }

    /** Docker's classic MAC for an address: 02:42 followed by the four address bytes. */
    static String macFor(String ipv4) {
        byte[] b = Ipv4.bytes(ipv4);
        return String.format("02:42:%02x:%02x:%02x:%02x", b[0] & 255, b[1] & 255, b[2] & 255, b[3] & 255);
    }

    private static IpPrefix parsePrefix(String text, String what, List<String> problems) {
        try {
            IpPrefix prefix = IpPrefix.parse(text);
            if (IpPrefix.hasHostBits(text)) {
                problems.add(what + " '" + text + "' has host bits set: write " + prefix);
            }
            return prefix;
        } catch (IllegalArgumentException e) {
            problems.add(what + ": " + e.getMessage());
            return null;
        }
    }

    /** A host address of the subnet: inside it, not its network address and (IPv4) not its broadcast address. */
    private static void checkHostAddress(String ip, String what, IpPrefix subnet, List<String> problems) {
        try {
            BigInteger address = IpPrefix.parseAddress(ip);
            if (!subnet.contains(ip) || address.equals(subnet.network())
                    || (!subnet.ipv6() && address.equals(subnet.last()))) {
                problems.add(what + " " + ip + " is not a host address of subnet " + subnet
                        + ": pick an address inside it");
            }
        } catch (IllegalArgumentException e) {
            problems.add(what + ": " + e.getMessage());
        }
    }

    private static void checkAux(String name, String ip, List<AddressPool> pools, List<String> problems) {
        List<String> inside = new ArrayList<>();
        try {
            IpPrefix.parseAddress(ip);
        } catch (IllegalArgumentException e) {
            problems.add("aux_addresses." + name + ": " + e.getMessage());
            return;
        }
        for (AddressPool pool : pools) {
            IpPrefix subnet = pool.parsedSubnet();
            List<String> found = new ArrayList<>();
            checkHostAddress(ip, "aux_addresses." + name, subnet, found);
            if (found.isEmpty()) {
                return;
            }
            inside.addAll(found);
        }
        problems.add(inside.size() == 1 ? inside.get(0) : "aux_addresses." + name + " " + ip
                + " is not a host address of any subnet of the network: pick an address inside one");
    }

    private static String canonical(String address, IpPrefix subnet) {
        try {
            return subnet.format(IpPrefix.parseAddress(address));
        } catch (IllegalArgumentException e) {
            return address;
        }
    }
}
