package dev.berth.embedded.net;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Host-local IPAM: turns a {@link NetworkSpec} into subnet/range/gateway and hands out endpoint addresses. */
final class Ipam {
    private Ipam() {
    }

    /** Validates the configured IPAM values (all problems at once) or picks a free default subnet. */
    static Network plan(NetworkSpec spec, SubnetPool pool, Supplier<List<Subnet>> used) {
        List<String> problems = new ArrayList<>();
        Subnet subnet = null;
        if (spec.subnet().isPresent()) {
            subnet = parseSubnet(spec.subnet().get(), "subnet", problems);
        } else {
            Optional<Subnet> picked = pool.pick(used.get());
            if (picked.isEmpty()) {
                throw new NetworkException("no free subnet left in the pool " + pool.base() + " (/" + pool.blockPrefix()
                        + " blocks): remove unused networks or configure ipam.config.subnet");
            }
            subnet = picked.get();
        }
        if (subnet == null) {
            throw new NetworkException(problems);
        }
        if (subnet.prefix() > 30) {
            problems.add("subnet " + subnet + " is too small: use a prefix length of 30 or less");
        }
        Subnet range = subnet;
        if (spec.ipRange().isPresent()) {
            Subnet parsed = parseSubnet(spec.ipRange().get(), "ip_range", problems);
            if (parsed != null && !subnet.contains(parsed)) {
                problems.add("ip_range " + parsed + " is not inside subnet " + subnet + ": pick a range inside it");
            } else if (parsed != null) {
                range = parsed;
            }
        }
        int gateway = subnet.address(1);
        if (spec.gateway().isPresent()) {
            gateway = checkInside(spec.gateway().get(), "gateway", subnet, problems);
        }
        Map<String, String> aux = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : spec.auxAddresses().entrySet()) {
            checkInside(entry.getValue(), "aux_addresses." + entry.getKey(), subnet, problems);
            aux.put(entry.getKey(), entry.getValue());
        }
        if (!problems.isEmpty()) {
            throw new NetworkException(problems);
        }
        return new Network(spec.id(), spec.name(), Network.bridgeName(spec.id()), subnet.toString(), range.toString(),
                Ipv4.format(gateway), spec.internal(), aux, spec.labels(), spec.options());
    }

    /** The requested address (checked) or the first free one of the ip_range. */
    static String allocate(Network network, Iterable<Endpoint> taken, Optional<String> requested, String containerId) {
        Subnet subnet = network.parsedSubnet();
        Set<Integer> reserved = new HashSet<>();
        reserved.add(subnet.network());
        reserved.add(subnet.broadcast());
        reserved.add(Ipv4.parse(network.gateway()));
        network.auxAddresses().values().forEach(ip -> reserved.add(Ipv4.parse(ip)));
        Map<Integer, String> owners = new LinkedHashMap<>();
        for (Endpoint endpoint : taken) {
            if (!endpoint.containerId().equals(containerId)) {
                owners.put(Ipv4.parse(endpoint.ipv4()), endpoint.containerId());
            }
        }
        if (requested.isPresent()) {
            int address = Ipv4.parse(requested.get());
            if (!subnet.contains(address)) {
                throw new NetworkException("ipv4_address " + requested.get() + " is not in subnet " + subnet
                        + " of network " + network.name() + ": pick an address inside it");
            }
            if (reserved.contains(address) || owners.containsKey(address)) {
                throw new NetworkException("ipv4_address " + requested.get() + " on network " + network.name()
                        + " is already in use" + (owners.containsKey(address) ? " by container "
                        + owners.get(address) : " (network, broadcast, gateway or aux address)")
                        + ": pick another address");
            }
            return requested.get();
        }
        Subnet range = Subnet.parse(network.ipRange());
        for (long i = 0; i < range.size(); i++) {
            int candidate = range.address(i);
            if (!reserved.contains(candidate) && !owners.containsKey(candidate)) {
                return Ipv4.format(candidate);
            }
        }
        throw new NetworkException("no free address left in " + range + " of network " + network.name()
                + ": use a larger subnet or ip_range");
    }

    /** Docker's classic MAC for an address: 02:42 followed by the four address bytes. */
    static String macFor(String ipv4) {
        byte[] b = Ipv4.bytes(ipv4);
        return String.format("02:42:%02x:%02x:%02x:%02x", b[0] & 255, b[1] & 255, b[2] & 255, b[3] & 255);
    }

    private static Subnet parseSubnet(String text, String what, List<String> problems) {
        try {
            Subnet subnet = Subnet.parse(text);
            if (subnet.network() != Ipv4.parse(text.substring(0, text.indexOf('/') < 0 ? text.length()
                    : text.indexOf('/')))) {
                problems.add(what + " '" + text + "' has host bits set: write " + subnet);
            }
            return subnet;
        } catch (IllegalArgumentException e) {
            problems.add(what + ": " + e.getMessage());
            return null;
        }
    }

    private static int checkInside(String ip, String what, Subnet subnet, List<String> problems) {
        try {
            int address = Ipv4.parse(ip);
            if (!subnet.contains(address) || address == subnet.network() || address == subnet.broadcast()) {
                problems.add(what + " " + ip + " is not a host address of subnet " + subnet
                        + ": pick an address inside it");
            }
            return address;
        } catch (IllegalArgumentException e) {
            problems.add(what + ": " + e.getMessage());
            return 0;
        }
    }
}
